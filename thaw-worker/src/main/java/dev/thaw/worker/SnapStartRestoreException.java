package dev.thaw.worker;

/**
 * A restored environment could not be made ready. The API answers it with the Lambda error of the same name:
 * {@code SnapStartException} (HTTP 400) when an afterRestore hook threw, {@code SnapStartTimeoutException}
 * (HTTP 408) when restore exceeded its limit.
 */
public final class SnapStartRestoreException extends Exception {

    public static final String HOOK_FAILED = "SnapStartException";
    public static final String TIMED_OUT = "SnapStartTimeoutException";

    private final String errorType;

    public SnapStartRestoreException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    /** {@link #HOOK_FAILED} or {@link #TIMED_OUT}. */
    public String errorType() {
        return errorType;
    }
}
