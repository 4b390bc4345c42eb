package dev.thaw.controlplane;

import dev.thaw.controlplane.cluster.LocalCacheRetention;
import dev.thaw.controlplane.cluster.Membership;
import dev.thaw.controlplane.cluster.SnapshotJobClaims;
import dev.thaw.controlplane.layers.LayerDirectories;
import dev.thaw.controlplane.layers.LayerService;
import dev.thaw.controlplane.logs.LogsSource;
import dev.thaw.store.SnapshotStore;
import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The control plane of one server: opens the metadata store, the package store, the snapshot directories and the
 * runtime mapping under the data directory, gives the worker back its reserved concurrency, resumes SnapStart work
 * a stopped server left, and wires the operation services together.
 */
public final class ControlPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    private static final int ASYNC_QUEUE_CAPACITY = 10_000;
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    /**
     * How long a shared package no version refers to is kept: another server may have stored it for a version it
     * has yet to commit.
     */
    private static final Duration SHARED_UPLOAD_PATIENCE = Duration.ofHours(1);
    /** How often prepared snapshots no version uses any more are looked for. */
    private static final Duration PREPARED_SWEEP = Duration.ofSeconds(10);

    private final MetadataStore store;
    private final Worker worker;
    private final boolean sharesDatabase;
    private final LocalCacheRetention cacheRetention;
    private final AsyncInvoker async;
    private final Arns arns;
    private final PackageStore packages;
    private final FunctionService functions;
    private final VersionService versions;
    private final AliasService aliases;
    private final ConcurrencyService concurrency;
    private final ProvisionedConcurrencyService provisionedConcurrency;
    private final TagService tags;
    private final EventInvokeConfigService eventInvokeConfigs;
    private final FunctionUrlService functionUrls;
    private final InvocationService invocations;
    private final LogsSource logs;
    private final LayerService layers;
    private final FunctionPolicyService policies;
    private final ScheduledExecutorService snapStartTimer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("thaw-snapstart-timer").factory());
    private final ScheduledExecutorService asyncRetryTimer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("thaw-async-retry").factory());
    private final SnapshotJobs snapshotJobs;
    private final InactivitySweeper inactivity;
    private final SnapStartRecovery recovery;
    private final Membership membership;
    private final AtomicReference<Membership.Share> concurrencyShare =
            new AtomicReference<>(new Membership.Share(0, 1));

    private ControlPlane(ControlPlaneConfig config, Worker worker, MetadataStore store, SnapshotStore snapshotStore) {
        this.store = store;
        this.worker = worker;
        this.arns = new Arns(config.region(), config.accountId());
        this.sharesDatabase = config.databaseUrl().isPresent();
        this.cacheRetention = new LocalCacheRetention(snapshotStore);
        this.packages = new PackageStore(config.dataDir(), sharesDatabase ? Optional.of(store) : Optional.empty());
        RuntimeCatalog runtimes = RuntimeCatalog.load(config.dataDir(), JdkScanner.scan(JVM_DIRECTORY));
        MutationLock lock = new MutationLock(store.clusterLock());
        VersionResolver resolver = new VersionResolver(store, arns);
        FunctionSpecs specs = new FunctionSpecs(runtimes, packages, new LayerDirectories(config.dataDir(), packages),
                arns, config.functionCredentials());
        SnapshotStorage snapshots = new SnapshotStorage(snapshotStore, config.dataDir());
        Clock clock = Clock.systemUTC();
        this.membership = new Membership(store, config.nodeId(), clock);
        SnapshotJobClaims claims = new SnapshotJobClaims(store, membership, clock);
        this.snapshotJobs = new SnapshotJobs(store, lock, worker, specs, snapshots, snapStartTimer, claims);
        LastInvocations lastInvocations = new LastInvocations();
        this.inactivity = new InactivitySweeper(store, lock, worker, snapshots, lastInvocations,
                config.snapStartInactivity(), () -> membership.ownerId(InactivitySweeper.JOB).equals(config.nodeId()));
        this.recovery = new SnapStartRecovery(store, lock, snapshots, snapshotJobs, membership, claims);
        worker.onSnapshotRejected((function, version, corrupt) ->
                snapshotJobs.recreate(new VersionKey(function, version), corrupt));
        this.versions = new VersionService(store, resolver, snapshotJobs, lock);
        this.layers = new LayerService(store, packages, arns, lock);
        this.functions = new FunctionService(store, packages, runtimes, resolver, versions, worker, snapshots, lock,
                layers);
        this.aliases = new AliasService(store, resolver, arns, lock);
        this.concurrency = new ConcurrencyService(store, resolver, worker, config.concurrencyLimit(), lock);
        this.provisionedConcurrency = new ProvisionedConcurrencyService(resolver, store, arns);
        this.tags = new TagService(store, resolver, lock);
        this.policies = new FunctionPolicyService(store, resolver, arns, lock);
        this.eventInvokeConfigs = new EventInvokeConfigService(store, resolver, arns, lock, clock);
        this.functionUrls = new FunctionUrlService(store, resolver, arns, lock, clock);
        SnapStartGate gate = new SnapStartGate(store, snapshotJobs, lastInvocations);
        this.async = new AsyncInvoker(worker, AsyncRetries.LAMBDA, clock, AsyncInvoker.timer(asyncRetryTimer),
                ASYNC_QUEUE_CAPACITY, store, lock, membership, version -> store.version(version.functionName(),
                        version.version()).map(current -> specs.of(current, gate.admit(current))));
        this.invocations = new InvocationService(resolver, specs, gate, worker, async, eventInvokeConfigs, arns);
        this.logs = LogsSource.local(worker.logs());
    }

    /** @param snapshotStore where SnapStart snapshots are kept; the worker restores from the same store */
    public static ControlPlane open(ControlPlaneConfig config, Worker worker, SnapshotStore snapshotStore) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MetadataStore store = config.databaseUrl().map(MetadataStore::openPostgresql)
                .orElseGet(() -> MetadataStore.open(config.dataDir().resolve("metadata")));
        ControlPlane controlPlane = null;
        try {
            controlPlane = new ControlPlane(config, worker, store, snapshotStore);
            controlPlane.concurrency.sync();
            controlPlane.collectPackages();
            controlPlane.recovery.run();
            controlPlane.startBackgroundWork();
            worker.snapshotsUnavailable().ifPresent(why -> LOG.warn("SnapStart is not available on this server, "
                    + "SnapStart versions will go Failed: {}", why));
            return controlPlane;
        } catch (RuntimeException e) {
            if (controlPlane != null) {
                controlPlane.close();
            } else {
                store.close();
            }
            throw e;
        }
    }

    /**
     * The inactivity sweep; the Event invocations a stopped server left; with a shared database, taking over what
     * servers that are gone held, every lease.
     */
    private void startBackgroundWork() {
        inactivity.start(snapStartTimer);
        long period = PREPARED_SWEEP.toMillis();
        snapStartTimer.scheduleWithFixedDelay(this::retainPreparedSnapshots, period, period, TimeUnit.MILLISECONDS);
        async.recover(true);
        if (sharesDatabase) {
            long heartbeat = Membership.HEARTBEAT.toMillis();
            snapStartTimer.scheduleWithFixedDelay(() -> {
                try {
                    concurrency.sync();
                    shareConcurrency();
                } catch (RuntimeException e) {
                    LOG.warn("cannot read the functions' reserved concurrency or the live servers: {}",
                            e.toString());
                }
            }, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
            recovery.keepTakingOver(snapStartTimer);
            long lease = Membership.LEASE.toMillis();
            asyncRetryTimer.scheduleWithFixedDelay(() -> {
                try {
                    async.recover(false);
                } catch (RuntimeException e) {
                    LOG.warn("cannot look for async invocations to take over: {}", e.toString());
                }
            }, lease, lease, TimeUnit.MILLISECONDS);
        }
    }

    /** Snapshots kept ready for restores go once no version restores from them, deleted here or by another server. */
    private void retainPreparedSnapshots() {
        try {
            Map<String, Set<String>> live = store.snapshots().stream().collect(Collectors.groupingBy(
                    SnapshotRecord::functionName, Collectors.mapping(SnapshotRecord::snapshotId, Collectors.toSet())));
            worker.retainSnapshots(live);
            if (sharesDatabase) {
                cacheRetention.retain(live);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot drop prepared snapshots no version uses: {}", e.toString());
        }
    }

    /**
     * At start, before any upload: deployment packages of deleted functions and replaced code go, and layer packages
     * that neither a layer version nor a function version uses.
     */
    private void collectPackages() {
        Set<String> referenced = store.allVersions(true).stream()
                .flatMap(version -> Stream.concat(Stream.of(version.codeSha256()),
                        version.layers().stream().map(FunctionLayer::codeSha256)))
                .filter(Objects::nonNull).collect(Collectors.toCollection(HashSet::new));
        store.layerVersions().forEach(version -> referenced.add(version.content().codeSha256()));
        int removed = packages.retainOnly(referenced);
        if (removed > 0) {
            LOG.info("removed {} deployment packages no version refers to", removed);
        }
        if (sharesDatabase) {
            Set<String> hex = referenced.stream().map(PackageStore::hexOf).collect(Collectors.toSet());
            int shared = store.deleteUnreferencedPackages(hex, Instant.now().minus(SHARED_UPLOAD_PATIENCE));
            if (shared > 0) {
                LOG.info("removed {} shared packages no version refers to", shared);
            }
        }
    }

    /**
     * Registers this server, reachable at {@code address}, among those sharing the database (nothing to do on the
     * embedded one).
     */
    public void join(URI address) {
        if (sharesDatabase) {
            membership.join(address, snapStartTimer);
            shareConcurrency();
        }
    }

    /** Gives the worker this server's part of the account's unreserved concurrency, as the live servers split it. */
    private void shareConcurrency() {
        Membership.Share share = membership.concurrencyShare();
        worker.setConcurrencyShare(share.part(), share.parts());
        if (!share.equals(concurrencyShare.getAndSet(share))) {
            LOG.info("this server holds part {} of {} of the account's unreserved concurrency", share.part() + 1,
                    share.parts());
        }
    }

    /** The servers sharing the database, this one among them. */
    public Membership cluster() {
        return membership;
    }

    public Arns arns() {
        return arns;
    }

    public PackageStore packages() {
        return packages;
    }

    public FunctionService functions() {
        return functions;
    }

    public VersionService versions() {
        return versions;
    }

    public AliasService aliases() {
        return aliases;
    }

    public ConcurrencyService concurrency() {
        return concurrency;
    }

    public ProvisionedConcurrencyService provisionedConcurrency() {
        return provisionedConcurrency;
    }

    public TagService tags() {
        return tags;
    }

    public EventInvokeConfigService eventInvokeConfigs() {
        return eventInvokeConfigs;
    }

    public FunctionUrlService functionUrls() {
        return functionUrls;
    }

    /** The logs of the functions' environments that ran on this server. */
    public LogsSource localLogs() {
        return logs;
    }

    /** AddPermission, GetPolicy, RemovePermission. */
    public FunctionPolicyService policies() {
        return policies;
    }

    public LayerService layers() {
        return layers;
    }

    public InvocationService invocations() {
        return invocations;
    }

    /**
     * Stops the SnapStart timer and snapshot jobs (an interrupted one runs again at the next start), saves the
     * invocation times, stops the async queue and closes the metadata store; the worker belongs to the caller.
     */
    @Override
    public void close() {
        membership.close();
        snapStartTimer.shutdownNow();
        snapshotJobs.close();
        try {
            inactivity.saveInvocations();
        } finally {
            asyncRetryTimer.shutdownNow();
            async.close();
            store.close();
        }
    }
}
