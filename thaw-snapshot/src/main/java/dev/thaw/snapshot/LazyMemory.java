package dev.thaw.snapshot;

import java.util.concurrent.CompletableFuture;

/** The memory of a copy restored lazily, while its pages are still being loaded. */
public interface LazyMemory extends AutoCloseable {

    /** What was loaded how so far, and which pages the copy touched that were not loaded yet, read at once. */
    Progress progress();

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
     * @param image    pages the image holds
     * @param eager      loaded before the copy resumed because they are outside private anonymous memory
     * @param prefetched loaded before the copy resumed as the snapshot's recorded working set
     * @param faulted    loaded because the copy touched them
     */
    record PageCounts(long image, long eager, long prefetched, long faulted) {
    }
}
