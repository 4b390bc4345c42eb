package dev.thaw.store;

/** A snapshot's data in the durable tier is missing or fails verification, so it cannot be restored. */
public class CorruptSnapshotException extends StoreException {
    public CorruptSnapshotException(String message) {
        super(message);
    }

    public CorruptSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
