package dev.newsfeed.view;

import dev.newsfeed.problem.Problem;
import dev.newsfeed.problem.ProblemException;

/** A {@code since} token that this feed did not issue. */
public class InvalidSinceException extends ProblemException {

    public InvalidSinceException(String token) {
        super(400, "Invalid since", "the since token '" + Problem.quoted(token) + "' was not issued by this feed: use the 'next' value"
                + " of a previous changes page or the 'changes' value of a feed page, or 0 for every change from the"
                + " beginning");
    }
}
