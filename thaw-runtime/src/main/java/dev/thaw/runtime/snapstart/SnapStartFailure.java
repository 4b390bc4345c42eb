package dev.thaw.runtime.snapstart;

/**
 * A checkpoint or restore failed and the worker has been told; the function's state cannot be trusted, so the
 * environment ends.
 */
public final class SnapStartFailure extends Exception {

    private static final long serialVersionUID = 1L;

    SnapStartFailure(String message) {
        super(message, null, false, false);
    }
}
