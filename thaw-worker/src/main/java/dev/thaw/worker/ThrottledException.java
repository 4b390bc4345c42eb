package dev.thaw.worker;

/** Thrown when an invocation would exceed a concurrency limit; the API answers 429 TooManyRequestsException. */
public final class ThrottledException extends Exception {

    private final ThrottleReason reason;

    public ThrottledException(ThrottleReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ThrottleReason reason() {
        return reason;
    }
}
