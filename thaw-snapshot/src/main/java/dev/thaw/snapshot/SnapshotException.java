package dev.thaw.snapshot;

/** A checkpoint or restore failed; the message says why, with the engine's own words where it has them. */
public class SnapshotException extends Exception {

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
