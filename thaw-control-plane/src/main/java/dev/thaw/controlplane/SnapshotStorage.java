package dev.thaw.controlplane;

import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;
import dev.thaw.worker.sandbox.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's side of snapshot storage. The worker writes a new snapshot into a local staging directory
 * ({@code <dataDir>/snapshots/staging/<uuid>}); {@link #store} moves it into the snapshot store under a fresh id,
 * which is what the metadata records. A crash before the metadata names a stored snapshot leaves it for
 * {@link #reconcile} at the next start.
 */
final class SnapshotStorage {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStorage.class);

    private final SnapshotStore store;
    private final Path staging;

    SnapshotStorage(SnapshotStore store, Path dataDir) {
        this.store = store;
        this.staging = dataDir.resolve("snapshots").resolve("staging");
    }

    /** A fresh, empty local directory for the worker to write a snapshot into. */
    Path stage() {
        Path dir = staging.resolve(UUID.randomUUID().toString());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create snapshot directory " + dir, e);
        }
    }

    /** Puts a complete staging directory into the store; answers the new snapshot's id. The directory is removed. */
    String store(VersionKey version, Path stagingDir) throws StoreException {
        String id = version.version() + "-" + UUID.randomUUID();
        try {
            store.put(version.functionName(), id, stagingDir);
            return id;
        } finally {
            discard(stagingDir);
        }
    }

    boolean exists(String functionName, String snapshotId) {
        try {
            return store.exists(functionName, snapshotId);
        } catch (StoreException e) {
            throw new IllegalStateException("cannot reach the snapshot store: " + e.getMessage(), e);
        }
    }

    void delete(String functionName, String snapshotId) {
        try {
            store.delete(functionName, snapshotId);
        } catch (StoreException e) {
            // What stays behind is found by the next start's reconciliation.
            LOG.warn("cannot delete snapshot {} of {}: {}", snapshotId, functionName, e.getMessage());
        }
    }

    /**
     * Deletes a snapshot after {@code delaySeconds}: environments restoring from it right now may still read it.
     */
    void deleteLater(String functionName, String snapshotId, ScheduledExecutorService timer, long delaySeconds) {
        timer.schedule(() -> delete(functionName, snapshotId), delaySeconds, TimeUnit.SECONDS);
    }

    void deleteFunction(String functionName) {
        try {
            store.deleteFunction(functionName);
        } catch (StoreException e) {
            LOG.warn("cannot delete the snapshots of {}: {}", functionName, e.getMessage());
        }
    }

    /**
     * Removes what no version refers to: staging directories of interrupted snapshots, and stored snapshots the
     * metadata does not name (a crash between storing and recording, or during a deletion).
     */
    void reconcile(Map<String, Set<String>> live) {
        discard(staging);
        try {
            var removed = store.reconcile(live);
            if (removed.manifestsRemoved() > 0 || removed.chunksRemoved() > 0 || removed.workingSetsRemoved() > 0) {
                LOG.info("removed {} snapshots, {} chunks and {} working sets no version refers to",
                        removed.manifestsRemoved(), removed.chunksRemoved(), removed.workingSetsRemoved());
            }
        } catch (StoreException e) {
            LOG.warn("cannot reconcile the snapshot store: {}", e.getMessage());
        }
    }

    void discard(Path directory) {
        FileTrees.delete(directory);
    }
}
