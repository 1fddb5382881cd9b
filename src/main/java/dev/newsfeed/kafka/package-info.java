/** Kafka plumbing: the embedded single-node broker, the choice to start it, and the articles topic's admin. */
package dev.newsfeed.kafka;
