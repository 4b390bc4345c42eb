package dev.thaw.worker;

/** Thrown when an invocation would exceed a concurrency limit; the API answers 429 TooManyRequestsException. */
public final class ThrottledException extends Exception {

    private final String reason;

    /**
     * @param reason Lambda's throttle reason, e.g. ReservedFunctionConcurrentInvocationLimitExceeded or
     *               ConcurrentInvocationLimitExceeded
     */
    public ThrottledException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
