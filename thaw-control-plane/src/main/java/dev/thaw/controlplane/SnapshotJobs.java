package dev.thaw.controlplane;

import dev.thaw.controlplane.cluster.SnapshotJobClaims;
import dev.thaw.scan.SnapStartScanner;
import dev.thaw.store.StoreException;
import dev.thaw.worker.FunctionSpec;
import dev.thaw.worker.SnapshotOutcome;
import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Creates the snapshots of SnapStart versions in the background, one at a time: taking one initialises a JVM, which
 * keeps a core busy for seconds. A run looks at the version's state when it starts: a Pending version gets its first
 * snapshot (Active, or Failed with the reason); an Active one whose snapshot was taken under another worker
 * fingerprint (new JDK, runtime or engine) gets a new one while the old one keeps serving, and the two are swapped.
 * Anything else makes the run a no-op, so submitting too often is harmless. A run first claims the version's job
 * ({@link SnapshotJobClaims}): while another live server sharing the database holds it, the run leaves it to that one.
 */
final class SnapshotJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotJobs.class);
    /** A replaced snapshot is kept until invocations restored from it have surely ended (the longest timeout). */
    private static final Duration REPLACED_SNAPSHOT_GRACE = Duration.ofSeconds(ConfigValidator.MAX_TIMEOUT + 60);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    /** The least time between two re-creations of one version's snapshot after restores failed. */
    private static final Duration REMAKE_INTERVAL = Duration.ofMinutes(5);

    private final MetadataStore store;
    private final MutationLock lock;
    private final Worker worker;
    private final FunctionSpecs specs;
    private final SnapshotStorage storage;
    private final ScheduledExecutorService timer;
    private final SnapshotJobClaims claims;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("thaw-snapshot-jobs").factory());
    private final Set<VersionKey> queued = ConcurrentHashMap.newKeySet();
    /** Re-creations that failed, by version and fingerprint: not retried until the fingerprint changes again. */
    private final Set<String> failedRefreshes = ConcurrentHashMap.newKeySet();
    /** Versions whose snapshot could not be restored (corrupt in the store): re-created whatever the fingerprint. */
    private final Set<VersionKey> rejected = ConcurrentHashMap.newKeySet();
    /** When each version's snapshot was last made again after a rejection, {@link System#nanoTime()}. */
    private final Map<VersionKey, Long> remade = new ConcurrentHashMap<>();

    SnapshotJobs(MetadataStore store, MutationLock lock, Worker worker, FunctionSpecs specs,
                 SnapshotStorage storage, ScheduledExecutorService timer, SnapshotJobClaims claims) {
        this.store = store;
        this.lock = lock;
        this.worker = worker;
        this.specs = specs;
        this.storage = storage;
        this.timer = timer;
        this.claims = claims;
    }

    /** Queues a run for the version unless one is already waiting. */
    void submit(VersionKey version) {
        if (queued.add(version)) {
            runner.execute(() -> {
                queued.remove(version);
                runSafely(version);
            });
        }
    }

    /**
     * A cold start found the version's snapshot unusable: a new one is created while cold starts go on demand. After
     * a failure that bad data does not explain, at most once per {@link #REMAKE_INTERVAL}.
     */
    void recreate(VersionKey version, boolean corruptData) {
        Long last = remade.get(version);
        if (!corruptData && last != null && System.nanoTime() - last < REMAKE_INTERVAL.toNanos()) {
            // A snapshot made moments ago fails too: the cause lies elsewhere (host, engine); don't churn. Bad data
            // is different: each failed fetch deleted a bad chunk, so each new snapshot has fewer to inherit.
            return;
        }
        if (rejected.add(version)) {
            LOG.warn("function {} version {}: its snapshot could not be restored, creating it again",
                    version.functionName(), version.version());
            submit(version);
        }
    }

    /** An Inactive version was invoked: it goes Pending and its snapshot is created again. */
    void reactivate(VersionKey version) {
        lock.run(() -> {
            store.version(version.functionName(), version.version())
                    .filter(config -> config.state().is(VersionState.INACTIVE))
                    .ifPresent(config -> {
                        store.putVersion(config.withState(config.state().restoring()));
                        LOG.info("function {} version {}: invoked while inactive, re-creating its snapshot",
                                version.functionName(), version.version());
                        submit(version);
                    });
            return null;
        });
    }

    private void runSafely(VersionKey version) {
        try {
            run(version);
        } catch (RuntimeException e) {
            // The version may have been deleted under the run; otherwise it must not stay Pending for ever.
            LOG.error("function {} version {}: snapshot creation failed", version.functionName(), version.version(),
                    e);
            fail(version, null, "InternalError", "The snapshot could not be created because of an internal error; "
                    + "the server's log has the details.");
        }
    }

    private void run(VersionKey version) {
        Optional<String> holder = lock.run(() -> claims.claim(version));
        if (holder.isPresent()) {
            LOG.info("function {} version {}: node {} is making its snapshot", version.functionName(),
                    version.version(), holder.get());
            return;
        }
        try {
            make(version);
        } finally {
            lock.run(() -> {
                claims.release(version);
                return null;
            });
        }
    }

    private void make(VersionKey version) {
        FunctionConfig config = store.version(version.functionName(), version.version()).orElse(null);
        if (config == null || !config.snapStartOn()) {
            return;
        }
        boolean first = config.state().is(VersionState.PENDING);
        if (!first && !config.state().is(VersionState.ACTIVE)) {
            return;
        }
        Optional<String> unavailable = worker.snapshotsUnavailable();
        if (unavailable.isPresent()) {
            if (first) {
                fail(version, config.revisionId(), "InternalError",
                        "SnapStart is not available on this server: " + unavailable.get());
            }
            return;
        }
        FunctionSpec spec;
        try {
            spec = specs.of(config, null);
        } catch (LambdaException e) {
            fail(version, config.revisionId(), "InvalidRuntime", e.getMessage());
            return;
        }
        String fingerprint = worker.snapshotFingerprint(spec);
        if (!first && !stale(version, fingerprint)) {
            return;
        }
        LOG.info("function {} version {}: {} snapshot", version.functionName(), version.version(),
                first ? "creating its" : rejected.contains(version) ? "re-creating its unusable"
                        : "runtime changed, re-creating its");
        create(version, config, spec, fingerprint, first);
    }

    private boolean stale(VersionKey version, String fingerprint) {
        if (rejected.contains(version)) {
            return true;
        }
        return store.snapshot(version.functionName(), version.version())
                .filter(snapshot -> !snapshot.fingerprint().equals(fingerprint))
                .isPresent() && !failedRefreshes.contains(version + "@" + fingerprint);
    }

    private void create(VersionKey version, FunctionConfig config, FunctionSpec spec, String fingerprint,
                        boolean first) {
        try {
            // Init-time values every restored copy would share (thaw scan): warnings only, publishing goes on.
            for (var finding : new SnapStartScanner().scan(spec.codeDir(),
                    Optional.ofNullable(spec.handler()).stream().toList())
                    .findings()) {
                LOG.warn("function {} version {}: {}", version.functionName(), version.version(), finding.message());
            }
        } catch (Exception | StackOverflowError e) {
            LOG.warn("function {} version {}: thaw scan failed: {}", version.functionName(), version.version(),
                    e.toString());
        }
        Path staging = storage.stage();
        long started = System.nanoTime();
        SnapshotOutcome outcome;
        try {
            outcome = worker.createSnapshot(spec, staging);
        } catch (InterruptedException e) {
            // The server is stopping: the version stays as it is and the next start runs this again.
            storage.discard(staging);
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            storage.discard(staging);
            throw e;
        }
        if (!outcome.created()) {
            storage.discard(staging);
            if (first) {
                fail(version, config.revisionId(), outcome.stateReasonCode(), outcome.stateReason());
            } else {
                failedRefreshes.add(version + "@" + fingerprint);
                LOG.warn("function {} version {}: re-creating the snapshot failed ({}): {}; the current one keeps "
                        + "serving", version.functionName(), version.version(), outcome.stateReasonCode(),
                        outcome.stateReason());
            }
            return;
        }
        String snapshotId;
        try {
            snapshotId = storage.store(version, staging);
        } catch (StoreException e) {
            LOG.warn("function {} version {}: cannot store the snapshot: {}", version.functionName(),
                    version.version(), e.getMessage());
            if (first) {
                fail(version, config.revisionId(), "InternalError", "The snapshot could not be stored; the server's "
                        + "log has the details.");
            }
            return;
        }
        // Before the version goes Active: its first cold start should not have to fetch the snapshot.
        worker.prepareSnapshot(version.functionName(), snapshotId);
        if (activate(version, config.revisionId(), snapshotId, fingerprint)) {
            if (rejected.remove(version)) {
                remade.put(version, System.nanoTime());
            }
            LOG.info("function {} version {}: snapshot created and stored in {} ms (init {} ms)",
                    version.functionName(), version.version(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math.round(outcome.initMillis()));
        }
    }

    /** Records the new snapshot unless the version changed meanwhile; a replaced one is deleted later. */
    private boolean activate(VersionKey version, String revisionId, String snapshotId, String fingerprint) {
        return lock.run(() -> {
            FunctionConfig current = store.version(version.functionName(), version.version()).orElse(null);
            if (current == null || !current.revisionId().equals(revisionId)
                    || !(current.state().is(VersionState.PENDING) || current.state().is(VersionState.ACTIVE))) {
                lock.afterUnlock(() -> storage.delete(version.functionName(), snapshotId));
                return false;
            }
            Optional<SnapshotRecord> replaced = store.snapshot(version.functionName(), version.version());
            Instant lastInvoked = replaced.map(SnapshotRecord::lastInvoked).orElseGet(Instant::now);
            store.putSnapshot(current.withState(current.state().activated()), new SnapshotRecord(
                    version.functionName(), version.version(), snapshotId, fingerprint, lastInvoked));
            replaced.ifPresent(old -> lock.afterUnlock(() -> {
                // Environments restored from the old snapshot run the old runtime: new cold starts use the new one.
                worker.discard(version.functionName(), version.version());
                storage.deleteLater(version.functionName(), old.snapshotId(), timer,
                        REPLACED_SNAPSHOT_GRACE.toSeconds());
            }));
            return true;
        });
    }

    /** A Pending version goes Failed; with a null revision whatever revision it has. */
    private void fail(VersionKey version, String revisionId, String reasonCode, String reason) {
        boolean failed = lock.run(() -> store.version(version.functionName(), version.version())
                .filter(current -> current.state().is(VersionState.PENDING))
                .filter(current -> revisionId == null || current.revisionId().equals(revisionId))
                .map(current -> {
                    store.putVersion(current.withState(current.state().failed(reasonCode, reason)));
                    return true;
                }).orElse(false));
        if (failed) {
            LOG.warn("function {} version {}: snapshot failed ({}): {}", version.functionName(), version.version(),
                    reasonCode, reason);
        }
    }


    /** Interrupts the run in progress (its version is re-run at the next start) and waits for it to end. */
    @Override
    public void close() {
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("a snapshot job did not stop within {} s", SHUTDOWN_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
