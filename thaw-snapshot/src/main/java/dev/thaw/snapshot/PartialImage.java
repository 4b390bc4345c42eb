package dev.thaw.snapshot;

import java.io.IOException;

/**
 * An image some of whose files are on disk at their size but only in part ({@link SnapshotEngine#readsInPart}):
 * a restore loads what it reads of them first, and nothing unloaded is ever read.
 */
public interface PartialImage {

    /** Whether {@code file}, a name in the image directory, is only in part on disk. */
    boolean isPartial(String file);

    /**
     * Brings in {@code ranges} ((start, end) byte offsets) of a partial file, each byte
     * verified before it is written; returns once they are in.
     */
    void load(String file, long[] ranges) throws IOException;

    /**
     * Starts bringing in {@code ranges} of a partial file, in their order, and returns at once: a later
     * {@link #load} of them waits for what is under way instead of starting over.
     */
    void prefetch(String file, long[] ranges);
}
