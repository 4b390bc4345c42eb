package dev.thaw.controlplane;

import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Makes Active SnapStart versions that were not invoked for the inactivity period Inactive (StateReasonCode Idle)
 * and deletes their snapshots, as Lambda does after 14 days; the next invocation re-creates the snapshot. Runs
 * periodically, ten times per inactivity period (between once a second and once an hour), saving the invocation
 * times recorded in memory first. Among servers sharing a database every one saves its invocation times, and one,
 * the owner of {@link #JOB}, looks for idle versions.
 */
final class InactivitySweeper {

    private static final Logger LOG = LoggerFactory.getLogger(InactivitySweeper.class);
    private static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    private static final Duration MAX_PERIOD = Duration.ofHours(1);
    /** The key whose owner among the live servers looks for idle versions. */
    static final String JOB = "thaw:inactivity-sweep";

    private final MetadataStore store;
    private final MutationLock lock;
    private final Worker worker;
    private final SnapshotStorage storage;
    private final LastInvocations invocations;
    private final Duration inactivity;
    private final BooleanSupplier looksForIdle;

    /** @param looksForIdle whether this server is the one that looks for idle versions now */
    InactivitySweeper(MetadataStore store, MutationLock lock, Worker worker, SnapshotStorage storage,
                      LastInvocations invocations, Duration inactivity, BooleanSupplier looksForIdle) {
        this.store = store;
        this.lock = lock;
        this.worker = worker;
        this.storage = storage;
        this.invocations = invocations;
        this.inactivity = inactivity;
        this.looksForIdle = looksForIdle;
    }

    void start(ScheduledExecutorService timer) {
        long periodMs = period(inactivity).toMillis();
        timer.scheduleWithFixedDelay(this::sweepSafely, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    static Duration period(Duration inactivity) {
        Duration tenth = inactivity.dividedBy(10);
        return tenth.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : tenth.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : tenth;
    }

    /** Writes the invocation times recorded in memory to the store. */
    void saveInvocations() {
        store.recordInvocations(invocations.drain());
    }

    void sweep() {
        saveInvocations();
        if (!looksForIdle.getAsBoolean()) {
            return;
        }
        Instant cutoff = Instant.now().minus(inactivity);
        store.snapshots().stream().filter(snapshot -> snapshot.lastInvoked().isBefore(cutoff))
                .forEach(snapshot -> deactivate(snapshot, cutoff));
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A failed sweep is retried at the next period; the timer must keep running.
            LOG.warn("inactivity sweep failed", e);
        }
    }

    private void deactivate(SnapshotRecord idle, Instant cutoff) {
        lock.run(() -> {
            saveInvocations();
            // Re-read under the lock: an invocation or a new snapshot since the sweep started keeps it Active.
            boolean stillIdle = store.snapshot(idle.functionName(), idle.version())
                    .filter(snapshot -> snapshot.snapshotId().equals(idle.snapshotId()))
                    .filter(snapshot -> snapshot.lastInvoked().isBefore(cutoff)).isPresent();
            store.version(idle.functionName(), idle.version())
                    .filter(config -> stillIdle && config.state().is(VersionState.ACTIVE))
                    .ifPresent(config -> {
                        store.dropSnapshot(config.withState(VersionState.idle()));
                        lock.afterUnlock(() -> {
                            worker.discard(idle.functionName(), idle.version());
                            storage.delete(idle.functionName(), idle.snapshotId());
                        });
                        LOG.info("function {} version {}: Inactive, not invoked since {}; snapshot deleted",
                                idle.functionName(), idle.version(), idle.lastInvoked());
                    });
            return null;
        });
    }
}
