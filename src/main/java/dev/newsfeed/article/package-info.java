/** What an article is: the record published to Kafka, its identity, and the parser for the text format. */
package dev.newsfeed.article;
