package dev.newsfeed.view;

import dev.newsfeed.problem.Problem;
import dev.newsfeed.problem.ProblemException;

/** A {@code cursor} parameter that no page of this feed handed out. */
public class InvalidCursorException extends ProblemException {

    public InvalidCursorException(String cursor) {
        super(400, "Invalid cursor", "the cursor '" + Problem.quoted(cursor)
                + "' was not issued by this feed: use the 'next' value of a previous page,"
                + " or omit it for the first page");
    }
}
