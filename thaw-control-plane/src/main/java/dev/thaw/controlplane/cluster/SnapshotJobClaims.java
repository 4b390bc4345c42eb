package dev.thaw.controlplane.cluster;

import dev.thaw.controlplane.MetadataStore;
import dev.thaw.controlplane.VersionKey;

import java.time.Clock;
import java.util.Optional;

/**
 * Which server makes a version's snapshot: the first to claim it, until it releases the claim or its lease runs out,
 * so that a publish makes one snapshot however many servers share the database, and a job whose server died is
 * taken over. Called under the mutation lock, which spans the servers.
 */
public final class SnapshotJobClaims {

    private final MetadataStore store;
    private final Membership membership;
    private final Clock clock;

    public SnapshotJobClaims(MetadataStore store, Membership membership, Clock clock) {
        this.store = store;
        this.membership = membership;
        this.clock = clock;
    }

    /**
     * Claims the job for this server unless another live one holds it.
     *
     * @return the live other server that holds it, or empty when this server now does
     */
    public Optional<String> claim(VersionKey version) {
        Optional<SnapshotJobClaim> current = store.snapshotJobClaim(version);
        if (current.isPresent() && !current.get().nodeId().equals(membership.nodeId())
                && membership.alive(current.get().nodeId())) {
            return Optional.of(current.get().nodeId());
        }
        store.claimSnapshotJob(version, new SnapshotJobClaim(membership.nodeId(), clock.instant()));
        return Optional.empty();
    }

    /** Whether the version's job is unclaimed or held by a server that is gone. */
    public boolean orphaned(VersionKey version) {
        return store.snapshotJobClaim(version).map(claim -> !membership.alive(claim.nodeId())).orElse(true);
    }

    public void release(VersionKey version) {
        store.releaseSnapshotJob(version, membership.nodeId());
    }
}
