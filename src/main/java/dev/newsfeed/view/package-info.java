/**
 * The latest-feed view: a Lucene index on local disk holding one document per article id, the batches of
 * topic records that change it, its checkpoint of Kafka positions, since tokens and change scans. Plain Java:
 * no Quarkus, no Kafka client.
 */
package dev.newsfeed.view;
