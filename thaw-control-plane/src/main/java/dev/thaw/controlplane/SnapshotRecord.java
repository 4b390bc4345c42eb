package dev.thaw.controlplane;

import java.time.Instant;

/**
 * The snapshot an Active SnapStart version restores from.
 *
 * @param snapshotId  the snapshot's id in the snapshot store (see {@link SnapshotStorage})
 * @param fingerprint the worker's snapshot fingerprint when it was taken; another one means it must be re-created
 * @param lastInvoked the last invocation written to the store (creation counts as one), for the inactivity sweep
 */
public record SnapshotRecord(String functionName, String version, String snapshotId, String fingerprint,
                             Instant lastInvoked) {
}
