package dev.thaw.controlplane.cluster;

import java.time.Instant;

/** Which server took on making a version's snapshot, and when. */
public record SnapshotJobClaim(String nodeId, Instant claimed) {
}
