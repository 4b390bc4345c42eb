package dev.thaw.controlplane;

import dev.thaw.controlplane.cluster.Membership;
import dev.thaw.controlplane.cluster.SnapshotJobClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Puts SnapStart back in order when a server starts: stored snapshots no version refers to (left by a crash, or by
 * deletions the crash interrupted) are removed, versions a stopped server left Pending get their snapshot
 * created, Active versions whose snapshot is gone go Pending to get a new one, and the others are checked against
 * the worker's current fingerprint in the background.
 */
final class SnapStartRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartRecovery.class);

    private final MetadataStore store;
    private final MutationLock lock;
    private final SnapshotStorage storage;
    private final SnapshotJobs jobs;
    private final Membership membership;
    private final SnapshotJobClaims claims;

    SnapStartRecovery(MetadataStore store, MutationLock lock, SnapshotStorage storage, SnapshotJobs jobs,
                      Membership membership, SnapshotJobClaims claims) {
        this.store = store;
        this.lock = lock;
        this.storage = storage;
        this.jobs = jobs;
        this.membership = membership;
        this.claims = claims;
    }

    void run() {
        lock.run(() -> {
            // A snapshot another live server is putting has no record yet: the store is only reconciled by a
            // server that is alone.
            if (!membership.othersAlive()) {
                storage.reconcile(store.snapshots().stream().collect(Collectors.groupingBy(SnapshotRecord::functionName,
                        Collectors.mapping(SnapshotRecord::snapshotId, Collectors.toSet()))));
            }
            store.allVersions(true).stream().filter(FunctionConfig::snapStartOn).forEach(this::recover);
            return null;
        });
    }

    private void recover(FunctionConfig config) {
        VersionKey version = VersionKey.of(config);
        if (config.state().is(VersionState.ACTIVE) && !snapshotPresent(version)) {
            store.dropSnapshot(config.withState(config.state().restoring()));
            LOG.warn("function {} version {}: its snapshot is missing, creating it again", version.functionName(),
                    version.version());
        } else if (config.state().is(VersionState.PENDING)) {
            LOG.info("function {} version {}: was Pending when the server stopped, creating its snapshot",
                    version.functionName(), version.version());
        } else if (!config.state().is(VersionState.ACTIVE)) {
            return;
        }
        jobs.submit(version);
    }

    /**
     * From now on, every lease: Pending versions whose snapshot job no live server holds (its server died) get it
     * made here.
     */
    void keepTakingOver(ScheduledExecutorService timer) {
        long period = Membership.LEASE.toMillis();
        timer.scheduleWithFixedDelay(this::takeOverOrphans, period, period, TimeUnit.MILLISECONDS);
    }

    private void takeOverOrphans() {
        try {
            store.allVersions(true).stream()
                    .filter(config -> config.snapStartOn() && config.state().is(VersionState.PENDING))
                    .map(VersionKey::of).filter(claims::orphaned).forEach(version -> {
                        LOG.info("function {} version {}: no live server is making its snapshot, taking it over",
                                version.functionName(), version.version());
                        jobs.submit(version);
                    });
        } catch (RuntimeException e) {
            LOG.warn("cannot look for snapshot jobs to take over: {}", e.toString());
        }
    }

    private boolean snapshotPresent(VersionKey version) {
        return store.snapshot(version.functionName(), version.version())
                .map(snapshot -> storage.exists(version.functionName(), snapshot.snapshotId())).orElse(false);
    }
}
