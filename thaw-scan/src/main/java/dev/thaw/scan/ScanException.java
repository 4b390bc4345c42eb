package dev.thaw.scan;

/** The package cannot be scanned (missing, unreadable, no handler): a usage or input error, not a finding. */
public final class ScanException extends RuntimeException {

    public ScanException(String message) {
        super(message);
    }

    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
