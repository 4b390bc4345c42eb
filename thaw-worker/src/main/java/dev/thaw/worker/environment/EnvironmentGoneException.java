package dev.thaw.worker.environment;

/** The environment's control channel ended: the runtime exited, or the channel broke. */
public final class EnvironmentGoneException extends Exception {

    /** How the channel ended. */
    public enum Reason {
        /** The runtime closed its end: it is exiting. */
        EXITED,
        /** The runtime announced a frame above the channel's limit (a response far beyond the payload limit). */
        OVERSIZED_FRAME,
        /** The channel carried something that is no frame, or failed: the process may run on, but is unusable. */
        BROKEN_CHANNEL
    }

    private final Reason reason;

    EnvironmentGoneException(String message, Reason reason) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
