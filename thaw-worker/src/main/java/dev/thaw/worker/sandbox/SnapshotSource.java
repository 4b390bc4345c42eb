package dev.thaw.worker.sandbox;

import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;

import java.io.IOException;
import java.nio.file.Path;

/** Where a restore gets its snapshot's files: fetched for it alone, or prepared for many ({@link PreparedImages}). */
@FunctionalInterface
public interface SnapshotSource {

    /** The snapshot's files for one restore into {@code environmentDir}; every chunk was verified. */
    Checkout checkout(String function, String snapshotId, Path environmentDir) throws StoreException, IOException;

    /** One restore's view of a snapshot. */
    interface Checkout extends AutoCloseable {

        SnapshotFiles files();

        /** The engine is done with the image. */
        @Override
        void close();
    }

    /** Fetches the snapshot into the environment's directory for each restore. */
    static SnapshotSource fetchEachTime(SnapshotStore store) {
        return (function, snapshotId, environmentDir) -> {
            SnapshotFiles files = new SnapshotFiles(environmentDir.resolve("snapshot"));
            store.fetch(function, snapshotId, files.dir());
            return new Checkout() {
                @Override
                public SnapshotFiles files() {
                    return files;
                }

                @Override
                public void close() {
                    // The running copy never reads its image again.
                    FileTrees.delete(files.image());
                }
            };
        };
    }
}
