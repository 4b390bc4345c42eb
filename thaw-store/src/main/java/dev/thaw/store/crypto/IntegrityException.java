package dev.thaw.store.crypto;

/** Stored bytes failed authentication or verification: they were altered, truncated or sealed under another key. */
public class IntegrityException extends Exception {
    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
