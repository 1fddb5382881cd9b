package dev.newsfeed.follower;

/** A topic record that the view refuses, with the reason; thrown without a stack trace, it is no fault of ours. */
final class UnusableRecordException extends Exception {

    private final SkipReason reason;

    UnusableRecordException(SkipReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    SkipReason reason() {
        return reason;
    }
}
