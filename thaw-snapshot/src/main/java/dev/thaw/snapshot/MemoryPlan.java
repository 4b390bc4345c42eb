package dev.thaw.snapshot;

/**
 * How a restore brings back the copy's memory.
 *
 * @param loading  when pages arrive
 * @param prefetch for a lazy restore: pages loaded with the eager ones, before the copy resumes
 */
public record MemoryPlan(MemoryLoading loading, WorkingSet prefetch) {

    public static final MemoryPlan EAGER = new MemoryPlan(MemoryLoading.EAGER, WorkingSet.NONE);

    public static MemoryPlan lazy(WorkingSet prefetch) {
        return new MemoryPlan(MemoryLoading.LAZY, prefetch);
    }
}
