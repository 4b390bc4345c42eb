package dev.thaw.snapshot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The pages of a snapshot's memory that restored copies touched soon after their restore, by task (the task's id
 * in the image), each task's pages in the order they were first touched. A restore may load these before the copy
 * resumes; a record that is stale or wrong only costs time, never correctness.
 *
 * @param pages task id to page addresses (page-aligned), first touch first, no repeats
 */
public record WorkingSet(Map<Integer, long[]> pages) {

    public static final WorkingSet NONE = new WorkingSet(Map.of());

    public WorkingSet {
        Map<Integer, long[]> copy = new HashMap<>();
        pages.forEach((task, addresses) -> copy.put(task, addresses.clone()));
        pages = Map.copyOf(copy);
    }

    public boolean isEmpty() {
        return pageCount() == 0;
    }

    public long pageCount() {
        return pages.values().stream().mapToLong(a -> a.length).sum();
    }

    /** The task's pages, first touch first; empty for a task not recorded. */
    public long[] of(int task) {
        long[] addresses = pages.get(task);
        return addresses == null ? new long[0] : addresses.clone();
    }

    /** This record refined by a later copy's: its pages first, then the other's new ones. */
    public WorkingSet union(WorkingSet later) {
        Map<Integer, long[]> merged = new HashMap<>(pages);
        later.pages.forEach((task, addresses) -> merged.merge(task, addresses, (first, then) ->
                LongStream.concat(Arrays.stream(first), Arrays.stream(then)).distinct().toArray()));
        return new WorkingSet(merged);
    }
}
