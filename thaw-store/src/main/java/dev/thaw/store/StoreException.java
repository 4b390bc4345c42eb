package dev.thaw.store;

/** A snapshot store operation failed; the message names the object and the reason. */
public class StoreException extends Exception {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
