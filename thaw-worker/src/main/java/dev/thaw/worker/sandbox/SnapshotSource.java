package dev.thaw.worker.sandbox;

import dev.thaw.snapshot.PartialImage;
import dev.thaw.store.PartialFiles;
import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** Where a restore gets its snapshot's files: fetched for it alone, or prepared for many ({@link PreparedImages}). */
@FunctionalInterface
public interface SnapshotSource {

    /** The snapshot's files for one restore into {@code environmentDir}; every chunk was verified. */
    Checkout checkout(String function, String snapshotId, Path environmentDir) throws StoreException, IOException;

    /** One restore's view of a snapshot. */
    interface Checkout extends AutoCloseable {

        SnapshotFiles files();

        /** Present when files of the image are on disk only in part, to be loaded as the restore reads them. */
        default Optional<PartialImage> partial() {
            return Optional.empty();
        }

        /** The engine is done with the image. */
        @Override
        void close();
    }

    /**
     * Fetches the snapshot into the environment's directory for each restore; the image files {@code inPart}
     * selects (by name) only as the restore reads them.
     */
    static SnapshotSource fetchEachTime(SnapshotStore store, Predicate<String> inPart) {
        return (function, snapshotId, environmentDir) -> {
            SnapshotFiles files = new SnapshotFiles(environmentDir.resolve("snapshot"));
            PartialFiles partialFiles = store.fetch(function, snapshotId, files.dir(),
                    path -> files.imageFile(path).filter(inPart).isPresent());
            Optional<PartialImage> partial = partialFiles.paths().isEmpty() ? Optional.empty()
                    : Optional.of(new PartialImage() {
                        @Override
                        public boolean isPartial(String file) {
                            return partialFiles.paths().contains(SnapshotFiles.imagePath(file));
                        }

                        @Override
                        public void load(String file, long[] ranges) throws IOException {
                            try {
                                partialFiles.load(SnapshotFiles.imagePath(file), ranges);
                            } catch (StoreException e) {
                                throw new IOException("cannot load " + file + " of snapshot " + function + "/"
                                        + snapshotId + ": " + e.getMessage(), e);
                            }
                        }

                        @Override
                        public void prefetch(String file, long[] ranges) {
                            partialFiles.prefetch(SnapshotFiles.imagePath(file), ranges);
                        }
                    });
            AtomicBoolean closed = new AtomicBoolean();
            return new Checkout() {
                @Override
                public SnapshotFiles files() {
                    return files;
                }

                @Override
                public Optional<PartialImage> partial() {
                    return partial;
                }

                @Override
                public void close() {
                    // The running copy never reads its image again; the copy's end and its page server's both
                    // close it.
                    if (closed.compareAndSet(false, true)) {
                        FileTrees.delete(files.image());
                    }
                }
            };
        };
    }
}
