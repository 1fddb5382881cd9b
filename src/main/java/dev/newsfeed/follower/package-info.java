/**
 * Reads the articles and retractions topics into the view: a supervised Kafka consumer that resumes from the
 * view's checkpoint, refuses records that are not articles at the boundary, and reports its health and lag.
 */
package dev.newsfeed.follower;
