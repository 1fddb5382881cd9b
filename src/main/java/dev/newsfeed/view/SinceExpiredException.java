package dev.newsfeed.view;

import dev.newsfeed.problem.ProblemException;

/**
 * A {@code since} token older than what the topic still proves: changes after it may be gone (records
 * deleted, tombstones compacted away, the topic recreated). The client must resync from the feed.
 */
public class SinceExpiredException extends ProblemException {

    public SinceExpiredException(String why) {
        super(410, "Resync needed", "changes after this since token can no longer be listed: " + why
                + ". Read the feed again (GET /feed, or GET /feed?since=0 for every change), then follow its"
                + " 'changes' token");
    }
}
