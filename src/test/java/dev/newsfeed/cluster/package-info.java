/** Production topology tests: a Kafka cluster of broker processes and several instances of the packaged service. */
package dev.newsfeed.cluster;
