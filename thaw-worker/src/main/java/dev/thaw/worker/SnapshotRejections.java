package dev.thaw.worker;

/** Told when a cold start could not restore a version's snapshot and started on demand instead. */
@FunctionalInterface
public interface SnapshotRejections {

    /** @param corruptData whether the store found the snapshot's data bad (else the restore failed otherwise) */
    void rejected(String functionName, String version, boolean corruptData);
}
