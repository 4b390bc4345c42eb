package dev.thaw.snapshot;

/** When a restore brings back the copy's memory. */
public enum MemoryLoading {
    /** Every page is loaded before the copy resumes. */
    EAGER,
    /**
     * Pages of private anonymous memory arrive when the copy first touches them, and meanwhile in the background
     * (where the engine and the host support it; else as {@link #EAGER}).
     */
    LAZY
}
