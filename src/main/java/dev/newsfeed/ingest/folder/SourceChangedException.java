package dev.newsfeed.ingest.folder;

import java.io.IOException;

/**
 * A file that changed while it was read (its writer paused longer than the settle time and went on): what was
 * read is not published, and the file is looked at again once it has settled.
 */
final class SourceChangedException extends IOException {

    SourceChangedException(String message) {
        super(message);
    }
}
