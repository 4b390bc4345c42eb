package dev.thaw.worker;

import dev.thaw.snapshot.MemoryLoading;
import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.snapshot.criu.CriuSnapshotEngine;
import dev.thaw.store.SnapshotStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.thaw.worker.environment.EnvironmentPool;
import dev.thaw.worker.limits.ConcurrencyLimiter;
import dev.thaw.worker.logs.FunctionLogs;
import dev.thaw.worker.sandbox.AotCaches;
import dev.thaw.worker.sandbox.Cgroups;
import dev.thaw.worker.sandbox.PreparedImages;
import dev.thaw.worker.sandbox.FileTrees;
import dev.thaw.worker.sandbox.NetworkNamespaces;
import dev.thaw.worker.sandbox.SandboxLauncher;
import dev.thaw.worker.sandbox.SandboxRoot;
import dev.thaw.worker.sandbox.TmpVolumes;
import dev.thaw.worker.sandbox.SnapshotSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The worker: runs each invocation in a sandboxed JVM per environment (see {@link SandboxLauncher}), one
 * invocation at a time per environment, within the concurrency limits, and logs like Lambda, a log stream per
 * environment under {@code <dataDir>/logs} (see {@link FunctionLogs}).
 */
public final class ProcessWorker implements Worker {

    /** Lambda's default EphemeralStorage, the only size SnapStart functions have: /tmp volumes made ahead. */
    private static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;
    /** Retention is in whole days: deleting expired hours this often keeps them no more than minutes past it. */
    private static final Duration LOG_RETENTION_SWEEP = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorker.class);

    private final WorkerConfig config;
    private final FunctionLogs logs;
    private final ScheduledExecutorService logRetention = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("thaw-log-retention").factory());
    private final ConcurrencyLimiter limiter;
    private final Optional<Cgroups> cgroups;
    private final NetworkNamespaces networks;
    private final TmpVolumes tmpVolumes;
    private final SandboxLauncher launcher;
    private final EnvironmentPool pool;
    private final Path environmentsDir;
    private final SnapshotEngine engine;
    private final SnapshotSource snapshots;
    private final Optional<PreparedImages> prepared;
    private final ColdStartMetrics coldStarts;
    private final WorkingSets workingSets;
    private final RestoreSlots restoreSlots = RestoreSlots.forThisMachine();
    private final DataDirectoryLock dataDirLock;
    private volatile SnapshotRejections rejections = (function, version, corrupt) -> { };
    private volatile String runtimeDigest;
    private final Thread shutdownHook = Thread.ofPlatform().name("thaw-worker-shutdown").unstarted(this::release);

    /**
     * A worker whose SnapStart snapshots are taken with this host's CRIU and restored from {@code store}; cold starts
     * are measured in {@code metrics}.
     */
    public ProcessWorker(WorkerConfig config, SnapshotStore store, MeterRegistry metrics) {
        this(config, CriuSnapshotEngine.onHost(), store, metrics);
    }

    public ProcessWorker(WorkerConfig config, SnapshotEngine engine, SnapshotStore store, MeterRegistry metrics) {
        this.config = config;
        this.engine = engine;
        this.dataDirLock = DataDirectoryLock.acquire(config.dataDir());
        this.prepared = config.preparedImages() > 0
                ? Optional.of(new PreparedImages(store, config.dataDir(), config.preparedImages())) : Optional.empty();
        // A lazy restore of a snapshot fetched for it alone loads the pages it needs as it needs them.
        this.snapshots = prepared.<SnapshotSource>map(p -> p).orElseGet(() -> SnapshotSource.fetchEachTime(store,
                config.lazyRestore() ? engine::readsInPart : file -> false));
        this.coldStarts = new ColdStartMetrics(metrics);
        this.workingSets = new WorkingSets(WorkingSetRecords.in(store));
        this.logs = new FunctionLogs(config.dataDir().resolve("logs"), Clock.systemUTC(), config.logRetentionDays());
        this.limiter = new ConcurrencyLimiter(config.concurrencyLimit());
        this.environmentsDir = config.dataDir().resolve("environments");
        this.cgroups = Cgroups.create();
        try {
            // No environment outlives its worker: what is here was left by one that died (its processes are gone
            // with its cgroups, above).
            FileTrees.deleteContents(environmentsDir);
            FileTrees.createPrivateDirectory(environmentsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + environmentsDir, e);
        }
        SandboxRoot root = SandboxRoot.create(config.dataDir().resolve("sandbox"), config.runtimeJar());
        try {
            this.networks = new NetworkNamespaces(config.dataDir().resolve("netns"), config.network());
            this.tmpVolumes = new TmpVolumes(config.dataDir().resolve("tmp-volumes"), DEFAULT_EPHEMERAL_STORAGE_MB);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare network namespaces and /tmp volumes", e);
        }
        this.launcher = new SandboxLauncher(environmentsDir, root, networks, tmpVolumes, cgroups, config.aotCache()
                ? Optional.of(new AotCaches(config.dataDir().resolve("aot"), config.runtimeJar())) : Optional.empty());
        this.pool = new EnvironmentPool(config.idleTimeout());
        Gauge.builder("thaw.environments", pool, EnvironmentPool::unstopped)
                .description("Environments whose processes may exist: busy, idle or being stopped").register(metrics);
        logRetention.scheduleWithFixedDelay(this::expireLogs, 0, LOG_RETENTION_SWEEP.toMinutes(), TimeUnit.MINUTES);
        // Environments hold resources outside this JVM (processes, cgroups, directories): release them on exit.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public InvokeResult invoke(FunctionSpec spec, InvokeInput input)
            throws ThrottledException, SnapStartRestoreException {
        ConcurrencyLimiter.Permit permit = limiter.acquire(spec.functionName());
        try {
            return new Invocation(spec, input, pool, launcher, logs, config,
                    new Restorer(engine, restoreSlots, snapshots, config.restoreTimeout(),
                            config.lazyRestore() ? MemoryLoading.LAZY : MemoryLoading.EAGER, workingSets, rejections,
                            coldStarts)).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking " + spec.functionName(), e);
        } finally {
            limiter.release(permit);
        }
    }

    @Override
    public SnapshotOutcome createSnapshot(FunctionSpec spec, Path snapshotDir) throws InterruptedException {
        return new SnapshotCreation(spec, snapshotDir, launcher, engine, config.runtimeJar(),
                logs, Invocation.newEnvironmentId()).run();
    }

    @Override
    public void onSnapshotRejected(SnapshotRejections listener) {
        this.rejections = listener;
    }

    @Override
    public Optional<String> snapshotsUnavailable() {
        return engine.unavailableReason();
    }

    /** The engine's build, the JDK's release file and the runtime jar: a change in any of them re-creates snapshots. */
    @Override
    public String snapshotFingerprint(FunctionSpec spec) {
        String runtime = runtimeDigest;
        if (runtime == null) {
            runtime = sha256(config.runtimeJar());
            runtimeDigest = runtime;
        }
        return engine.fingerprint() + " jdk-" + sha256(spec.javaHome().resolve("release")).substring(0, 16)
                + " runtime-" + runtime.substring(0, 16);
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void setReservedConcurrency(String functionName, Integer reserved) {
        limiter.setReserved(functionName, reserved);
    }

    @Override
    public void setConcurrencyShare(int part, int parts) {
        limiter.setShare(part, parts);
    }

    @Override
    public WorkerFigures figures() {
        return new WorkerFigures(pool.unstopped(), prepared.map(PreparedImages::bytes).orElse(0L));
    }

    @Override
    public void discard(String functionName, String version) {
        pool.discard(functionName, version);
    }

    @Override
    public void prepareSnapshot(String functionName, String snapshotId) {
        prepared.ifPresent(images -> images.prepare(functionName, snapshotId));
    }

    @Override
    public void retainSnapshots(Map<String, Set<String>> live) {
        prepared.ifPresent(images -> images.retainOnly(live));
    }

    @Override
    public FunctionLogs logs() {
        return logs;
    }

    /** Stops every environment (busy ones too) and removes their directories and cgroups. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs (or ran) anyway.
        }
        release();
    }

    /** A sweep that fails is logged and tried again at the next one, rather than ending the schedule. */
    private void expireLogs() {
        try {
            logs.expire();
        } catch (RuntimeException e) {
            LOG.warn("log retention sweep failed", e);
        }
    }

    private void release() {
        logRetention.shutdownNow();
        pool.close();
        networks.close();
        tmpVolumes.close();
        prepared.ifPresent(PreparedImages::close);
        cgroups.ifPresent(Cgroups::remove);
        try {
            Files.deleteIfExists(environmentsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            dataDirLock.close();
        }
    }
}
