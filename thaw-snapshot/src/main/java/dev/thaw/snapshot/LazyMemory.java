package dev.thaw.snapshot;

import java.util.concurrent.CompletableFuture;

/** The memory of a copy restored lazily, while its pages are still being loaded. */
public interface LazyMemory extends AutoCloseable {

    /** What was loaded how, so far. */
    PageCounts counts();

    /** Completes once the loader is done: every page is in, or the copy is gone. */
    CompletableFuture<Void> loaded();

    /** Stops serving pages; only for a copy that is gone. */
    @Override
    void close();

    /**
     * Pages of the copy's image, by how they were loaded.
     *
     * @param image    pages the image holds
     * @param eager    loaded before the copy resumed (those outside private anonymous memory)
     * @param faulted  loaded because the copy touched them
     */
    record PageCounts(long image, long eager, long faulted) {
    }
}
