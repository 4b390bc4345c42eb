package dev.thaw.crac;

/** The restore did not complete; the failures of the resources that broke it are suppressed exceptions. */
public class RestoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public RestoreException() {
    }

    public RestoreException(String message) {
        super(message);
    }
}
