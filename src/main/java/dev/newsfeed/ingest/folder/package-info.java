/**
 * Folder intake: the watched ingest folder, files read safely and whole, and the lease that lets one instance at a
 * time read it; each settled file is handed to the shared publishing path.
 */
package dev.newsfeed.ingest.folder;
