package dev.thaw.store.format;

/** A manifest that decrypted but does not describe a snapshot this store can restore safely. */
public class InvalidManifestException extends Exception {
    public InvalidManifestException(String message) {
        super(message);
    }

    public InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
