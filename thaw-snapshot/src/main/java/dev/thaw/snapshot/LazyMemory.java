package dev.thaw.snapshot;

import java.util.concurrent.CompletableFuture;

/** The memory of a copy restored lazily, while its pages are still being loaded. */
public interface LazyMemory extends AutoCloseable {

    /** What was loaded how so far, and which pages the copy touched that were not loaded yet, read at once. */
    Progress progress();

    /** The copy answered its first request: what it did not touch by then may now load in the background. */
    void firstInvocationEnded();

    /** Completes once the loader is done: every page is in, or the copy is gone. */
    CompletableFuture<Void> loaded();

    /** Stops serving pages; only for a copy that is gone. */
    @Override
    void close();

    /**
     * @param counts  pages of the image by how they were loaded
     * @param touched the pages the copy faulted in, as a record for later restores
     */
    record Progress(PageCounts counts, WorkingSet touched) {
    }

    /**
     * Pages of the copy's image, by how they were loaded.
     *
     * @param image      pages the image holds
     * @param eager      loaded before the copy resumed because they are outside private anonymous memory
     * @param prefetched loaded as the snapshot's recorded working set, from the start of the restore
     * @param faulted    loaded because the copy touched them (with the rest of their 64 KiB block)
     * @param background loaded in the background once the copy's first request was answered
     */
    record PageCounts(long image, long eager, long prefetched, long faulted, long background) {

        /** Pages not loaded yet. */
        public long rest() {
            return image - eager - prefetched - faulted - background;
        }
    }
}
