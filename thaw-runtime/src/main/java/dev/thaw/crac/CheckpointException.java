package dev.thaw.crac;

/** The checkpoint cannot be taken; the failures of the resources that refused it are suppressed exceptions. */
public class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;

    public CheckpointException() {
    }

    public CheckpointException(String message) {
        super(message);
    }
}
