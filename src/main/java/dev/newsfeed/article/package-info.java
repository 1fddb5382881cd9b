/**
 * What an article is: the record published to Kafka, its identity, the parser for the text format, and the rule
 * on the characters and the length of its fields.
 */
package dev.newsfeed.article;
