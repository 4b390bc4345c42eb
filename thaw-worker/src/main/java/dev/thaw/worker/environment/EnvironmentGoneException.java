package dev.thaw.worker.environment;

/** The environment's control channel ended: the runtime exited, or broke the frame protocol. */
public final class EnvironmentGoneException extends Exception {

    private final boolean protocolViolation;
    private final boolean oversizedFrame;

    EnvironmentGoneException(String message, boolean protocolViolation, boolean oversizedFrame) {
        super(message);
        this.protocolViolation = protocolViolation;
        this.oversizedFrame = oversizedFrame;
    }

    /** The process may still run, but its channel is unusable. Otherwise it closed its stdout: it is exiting. */
    public boolean protocolViolation() {
        return protocolViolation;
    }

    /** The runtime sent a frame larger than the channel accepts (a response far beyond the payload limit). */
    public boolean oversizedFrame() {
        return oversizedFrame;
    }
}
