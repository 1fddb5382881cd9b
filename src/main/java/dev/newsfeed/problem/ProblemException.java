package dev.newsfeed.problem;

/** A failure the client should hear about, with the HTTP status and the words that explain it. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public Problem problem() {
        return Problem.of(status, title, getMessage());
    }

    /** Seconds after which a retry may succeed, for a {@code Retry-After} header; 0 for none. */
    public int retryAfterSeconds() {
        return 0;
    }

    /**
     * Whether the connection is closed after the answer: when the request's body was left unread, reading it to
     * its end would let a client keep the connection busy with bytes nobody wants.
     */
    public boolean closesConnection() {
        return false;
    }
}
