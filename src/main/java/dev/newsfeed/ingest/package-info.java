/** How articles get into Kafka: the ingest folder, the parser's verdict, and the acknowledged publisher. */
package dev.newsfeed.ingest;
