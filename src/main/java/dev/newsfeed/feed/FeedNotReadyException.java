package dev.newsfeed.feed;

import dev.newsfeed.problem.ProblemException;

/** The view has not caught up with the topic yet: a feed served now could miss articles. */
public class FeedNotReadyException extends ProblemException {

    public FeedNotReadyException() {
        super(503, "Feed not ready", "this instance is still reading the articles topic; try again in a few seconds");
    }

    @Override
    public int retryAfterSeconds() {
        return 2;
    }
}
