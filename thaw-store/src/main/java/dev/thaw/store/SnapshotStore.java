package dev.thaw.store;

import dev.thaw.store.crypto.DataKeyRing;
import dev.thaw.store.crypto.MasterKey;
import dev.thaw.store.crypto.MasterKeys;
import dev.thaw.store.format.ObjectKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The snapshot store: snapshots as manifests and 512 KiB chunks, compressed (zstd), encrypted (AES-256-GCM
 * under per-function data keys wrapped by a master key), content-addressed per function, in three tiers: L1 on
 * local disk, L2 in Redis (optional), and a durable directory or S3-compatible bucket. See this module's
 * README for the format and the guarantees.
 */
public final class SnapshotStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    /** Chunk reads and writes are I/O-bound: more threads than cores keep Redis and S3 round trips overlapped. */
    private static final int IO_THREADS = 16;

    private final Tiers tiers;
    private final MasterKeys masterKeys;
    private final DataKeyRing dataKeys;
    private final Manifests manifests;
    private final WorkingSets workingSets;
    private final SnapshotWriter writer;
    private final SnapshotReader reader;
    private final GarbageCollector collector;
    private final StatsCollector statsCollector;
    private final StoreMetrics metrics;
    private final FunctionLocks locks = new FunctionLocks();
    private final ExecutorService pool;

    // Package-private so that a test in this package can build a store over tiers of its own.
    SnapshotStore(Tiers tiers, MasterKeys masterKeys, MeterRegistry registry) {
        this.tiers = tiers;
        this.masterKeys = masterKeys;
        this.metrics = new StoreMetrics(registry);
        this.dataKeys = new DataKeyRing(tiers.durable(), masterKeys);
        this.manifests = new Manifests(tiers.durable(), dataKeys);
        this.workingSets = new WorkingSets(tiers.durable(), dataKeys);
        this.pool = Executors.newFixedThreadPool(IO_THREADS, ioThreads());
        this.writer = new SnapshotWriter(tiers, manifests, dataKeys, pool);
        this.reader = new SnapshotReader(manifests, dataKeys, new TieredChunkReader(tiers, metrics), pool);
        this.collector = new GarbageCollector(tiers, manifests, workingSets, dataKeys);
        this.statsCollector = new StatsCollector(tiers, manifests);
    }

    public static SnapshotStore open(StoreConfig config, MeterRegistry registry) throws StoreException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Tiers tiers = Tiers.open(config);
        SnapshotStore store = null;
        try {
            MasterKeys masterKeys = MasterKeys.open(config.masterKeyFile(),
                    config.storeDir().resolve("master.key"), tiers.durable());
            store = new SnapshotStore(tiers, masterKeys, registry);
            store.finishInterruptedRotation();
        } catch (StoreException | RuntimeException e) {
            if (store != null) {
                store.close();
            } else {
                tiers.close();
            }
            throw e;
        }
        LOG.info("snapshot store open: durable {}, l1 {} (max {} bytes), l2 {}, master key {}",
                tiers.durable().tier(), tiers.l1().root(), config.l1MaxBytes(),
                tiers.l2().map(Object::toString).orElse("none"), store.masterKeys.current().id());
        return store;
    }

    /** Stores the files under dir as snapshot (function, snapshotId). */
    public PutResult put(String function, String snapshotId, Path dir) throws StoreException {
        ObjectKeys.requireName("function", function);
        ObjectKeys.requireName("snapshotId", snapshotId);
        PutResult result;
        try (FunctionLocks.Held held = locks.shared(function)) {
            result = writer.put(function, snapshotId, dir);
        }
        metrics.put(result.elapsed().toNanos());
        LOG.info("put {}/{}: {} bytes raw, {} chunks ({} new), {} bytes stored, {} ms", function, snapshotId,
                result.rawBytes(), result.chunks(), result.newChunks(), result.storedBytes(),
                result.elapsed().toMillis());
        return result;
    }

    /**
     * Writes the snapshot's files under target (created if missing), every chunk verified first; fills faster
     * tiers. Throws CorruptSnapshotException when the durable tier's data is bad or missing.
     */
    public FetchResult fetch(String function, String snapshotId, Path target) throws StoreException {
        return fetched(function, snapshotId, target, path -> false).result();
    }

    /**
     * As {@link #fetch(String, String, Path)}, except that the files {@code partial} selects (by their path in
     * the snapshot) are only created at their size: a reader that needs part of one loads it through the result,
     * verified chunk by verified chunk, while the snapshot is in the store.
     */
    public PartialFiles fetch(String function, String snapshotId, Path target, Predicate<String> partial)
            throws StoreException {
        return fetched(function, snapshotId, target, partial).partial();
    }

    private SnapshotReader.Fetched fetched(String function, String snapshotId, Path target,
                                           Predicate<String> partial) throws StoreException {
        ObjectKeys.requireName("function", function);
        ObjectKeys.requireName("snapshotId", snapshotId);
        SnapshotReader.Fetched fetched;
        try (FunctionLocks.Held held = locks.shared(function)) {
            fetched = reader.fetch(function, snapshotId, target, partial);
        }
        FetchResult result = fetched.result();
        metrics.fetched(result.elapsed().toNanos());
        LOG.info("fetch {}/{}: {} bytes, {} chunks {}, {} ms{}", function, snapshotId, result.bytes(),
                result.chunks(), result.chunksByTier(), result.elapsed().toMillis(),
                fetched.partial().paths().isEmpty() ? "" : ", " + fetched.partial().paths().size()
                        + " files left to load on demand");
        return fetched;
    }

    public boolean exists(String function, String snapshotId) throws StoreException {
        ObjectKeys.requireName("function", function);
        ObjectKeys.requireName("snapshotId", snapshotId);
        return manifests.exists(function, snapshotId);
    }

    /**
     * Stores, or replaces, the snapshot's working set: which memory pages its restored copies touch first, as bytes
     * the worker encodes (at most 16 MiB). Throws StoreException when the snapshot is not in the store.
     */
    public void putWorkingSet(String function, String snapshotId, byte[] record) throws StoreException {
        ObjectKeys.requireName("function", function);
        ObjectKeys.requireName("snapshotId", snapshotId);
        WorkingSets.requireSize(Objects.requireNonNull(record, "record"));
        // Shared, so that no delete of the snapshot runs between the check and the write and leaves the record behind.
        try (FunctionLocks.Held held = locks.shared(function)) {
            if (!manifests.exists(function, snapshotId)) {
                throw new StoreException("no snapshot " + function + "/" + snapshotId + " to record a working set for");
            }
            workingSets.write(function, snapshotId, record);
        }
        LOG.debug("working set of {}/{} stored: {} bytes", function, snapshotId, record.length);
    }

    /**
     * The snapshot's working set, or empty when none was stored or the stored one fails authentication (which is
     * logged and deleted, so that the worker learns it again).
     */
    public Optional<byte[]> workingSet(String function, String snapshotId) throws StoreException {
        ObjectKeys.requireName("function", function);
        ObjectKeys.requireName("snapshotId", snapshotId);
        return workingSets.read(function, snapshotId);
    }

    /**
     * Deletes the snapshot's working set and manifest, then the function's chunks no other manifest of it
     * references, from every tier.
     */
    public void delete(String function, String snapshotId) throws StoreException {
        ObjectKeys.requireName("function", function);
        ObjectKeys.requireName("snapshotId", snapshotId);
        long start = System.nanoTime();
        int chunks;
        try (FunctionLocks.Held held = locks.exclusive(function)) {
            chunks = collector.deleteSnapshot(function, snapshotId);
        }
        LOG.info("delete {}/{}: {} chunks removed, {} ms", function, snapshotId, chunks, millisSince(start));
    }

    /** Deletes everything of the function from every tier, its data key included. */
    public void deleteFunction(String function) throws StoreException {
        ObjectKeys.requireName("function", function);
        long start = System.nanoTime();
        ReconcileResult removed;
        try (FunctionLocks.Held held = locks.exclusive(function)) {
            removed = collector.purgeFunction(function);
        }
        metrics.forgetFunction(function);
        LOG.info("delete function {}: {} manifests, {} chunks and {} working sets removed, {} ms", function,
                removed.manifestsRemoved(), removed.chunksRemoved(), removed.workingSetsRemoved(),
                millisSince(start));
    }

    /**
     * Drops from this server's L1 the function's chunks that no snapshot of {@code liveSnapshotIds} references
     * (every chunk of it when the set is empty), leaving the shared tiers alone: what a server sharing them does
     * once another has deleted snapshots. Answers how many chunks went.
     */
    public int dropFromLocalCache(String function, Set<String> liveSnapshotIds) throws StoreException {
        ObjectKeys.requireName("function", function);
        int dropped;
        try (FunctionLocks.Held held = locks.shared(function)) {
            dropped = collector.dropFromLocalCache(function, liveSnapshotIds);
        }
        if (dropped > 0) {
            LOG.info("dropped {} chunks of {} from L1: no live snapshot uses them", dropped, function);
        }
        return dropped;
    }

    /** Bytes this server's L1 holds. */
    public long localCacheBytes() {
        return tiers.l1().totalBytes();
    }

    /** How many chunks of each function this server's L1 holds (functions without any left out). */
    public Map<String, Integer> locallyCachedChunks() {
        return collector.locallyCachedChunks();
    }

    /**
     * Deletes manifests not in live (function -> snapshot ids; functions absent from the map have none live) and
     * working sets of snapshots no longer kept, then unreferenced chunks and keys of functions with nothing left;
     * from every tier. Answers what it removed.
     * Snapshots being put when it runs must be in live, or they are removed once their put completes.
     */
    public ReconcileResult reconcile(Map<String, Set<String>> live) throws StoreException {
        Objects.requireNonNull(live, "live");
        long start = System.nanoTime();
        ReconcileResult removed = ReconcileResult.NOTHING;
        for (String function : collector.functions()) {
            try (FunctionLocks.Held held = locks.exclusive(function)) {
                removed = removed.plus(collector.reconcile(function, live.getOrDefault(function, Set.of())));
            }
        }
        LOG.info("reconcile: {} manifests, {} chunks and {} working sets removed, {} ms", removed.manifestsRemoved(),
                removed.chunksRemoved(), removed.workingSetsRemoved(), millisSince(start));
        return removed;
    }

    /**
     * Re-wraps every function's data key with the key in newKeyFile (chunks and manifests are untouched), then
     * makes it the current master key. A store-managed key file is replaced atomically; with an operator-supplied
     * key file, the configuration must name newKeyFile from the next open on.
     */
    public void rotateMasterKey(Path newKeyFile) throws StoreException {
        MasterKey next = MasterKey.read(newKeyFile);
        try (FunctionLocks.Held held = locks.everything()) {
            if (next.id().equals(masterKeys.current().id())) {
                LOG.info("master key rotation: {} is already the current key {}", newKeyFile, next.id());
                return;
            }
            rotateTo(next);
        }
        if (!masterKeys.managed()) {
            LOG.warn("master key rotated to {}: configure the store with that key file before it is opened again",
                    newKeyFile);
        }
    }

    /** Per function: raw and stored bytes, dedup and compression ratios, bytes per tier. */
    public List<FunctionStats> stats() throws StoreException {
        List<FunctionStats> stats = new ArrayList<>();
        for (String function : manifests.functions()) {
            FunctionStats functionStats;
            try (FunctionLocks.Held held = locks.shared(function)) {
                functionStats = statsCollector.collect(function);
            }
            metrics.functionBytes(function, functionStats.rawBytes(), functionStats.storedBytes());
            stats.add(functionStats);
        }
        return stats;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("snapshot store I/O still running after 30 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tiers.close();
    }

    private void finishInterruptedRotation() throws StoreException {
        if (masterKeys.unfinishedRotation().isPresent()) {
            LOG.warn("finishing an interrupted master key rotation");
            rotateTo(masterKeys.unfinishedRotation().get());
        }
    }

    private void rotateTo(MasterKey next) throws StoreException {
        long start = System.nanoTime();
        String previous = masterKeys.current().id();
        masterKeys.beginRotation(next);
        int rewrapped = dataKeys.rewrapAll(next);
        masterKeys.completeRotation(next);
        LOG.info("master key rotated from {} to {}: {} data keys re-wrapped, {} ms", previous, next.id(), rewrapped,
                millisSince(start));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static ThreadFactory ioThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "thaw-store-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
