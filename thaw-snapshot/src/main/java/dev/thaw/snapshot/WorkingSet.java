package dev.thaw.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
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
    private static final int FORMAT = 1;
    private static final int PAGE_SHIFT = 12;
    /** More tasks or pages than any image holds: a record claiming them is not one of ours. */
    private static final long MAX_ENTRIES = 1L << 26;

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

    /** The record as bytes: per task, its page numbers as zigzag deltas, in order. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FORMAT);
        Varint.write(out, pages.size());
        pages.forEach((task, addresses) -> {
            Varint.write(out, task);
            Varint.write(out, addresses.length);
            long previous = 0;
            for (long address : addresses) {
                long page = address >>> PAGE_SHIFT;
                long delta = page - previous;
                Varint.write(out, (delta << 1) ^ (delta >> 63));
                previous = page;
            }
        });
        return out.toByteArray();
    }

    /** Reads {@link #toBytes()}'s form. */
    public static WorkingSet fromBytes(byte[] bytes) throws UnreadableException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != FORMAT) {
                throw new UnreadableException("unknown working-set format " + bytes[0]);
            }
            Map<Integer, long[]> tasks = new HashMap<>();
            long count = bounded(Varint.read(in));
            for (long t = 0; t < count; t++) {
                int task = (int) bounded(Varint.read(in));
                long[] addresses = new long[(int) bounded(Varint.read(in))];
                long page = 0;
                for (int i = 0; i < addresses.length; i++) {
                    long zigzag = Varint.read(in);
                    page += (zigzag >>> 1) ^ -(zigzag & 1);
                    addresses[i] = page << PAGE_SHIFT;
                }
                tasks.put(task, addresses);
            }
            if (in.hasRemaining()) {
                throw new UnreadableException("bytes after the working set");
            }
            return new WorkingSet(tasks);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new UnreadableException("truncated or malformed working set");
        }
    }

    private static long bounded(long value) throws UnreadableException {
        if (value < 0 || value > MAX_ENTRIES) {
            throw new UnreadableException("working set claims " + value + " entries");
        }
        return value;
    }


    /** Bytes that are not a working set. */
    public static final class UnreadableException extends Exception {
        public UnreadableException(String message) {
            super(message);
        }
    }

    /** This record refined by a later copy's: its pages first, then the other's new ones. */
    public WorkingSet union(WorkingSet later) {
        Map<Integer, long[]> merged = new HashMap<>(pages);
        later.pages.forEach((task, addresses) -> merged.merge(task, addresses, (first, then) ->
                LongStream.concat(Arrays.stream(first), Arrays.stream(then)).distinct().toArray()));
        return new WorkingSet(merged);
    }
}
