package dev.newsfeed.http;

import dev.newsfeed.problem.ProblemException;

/** A request body over the article size limit. */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(long maxBytes) {
        super(413, "Payload Too Large",
                "an article may hold at most " + maxBytes + " bytes (newsfeed.ingest.max-bytes)");
    }

    @Override
    public boolean closesConnection() {
        return true;
    }
}
