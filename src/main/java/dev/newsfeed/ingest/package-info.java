/**
 * How articles get into Kafka: the ingest folder and the lease that lets one instance at a time read it, the
 * parser's verdict, and the acknowledged publisher.
 */
package dev.newsfeed.ingest;
