/** The latest feed: the view materialised from the articles topic, and the REST resources that serve it. */
package dev.newsfeed.feed;
