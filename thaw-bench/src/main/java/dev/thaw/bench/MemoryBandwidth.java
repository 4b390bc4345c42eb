package dev.thaw.bench;

import java.util.Arrays;

/**
 * This machine's memory-copy bandwidth, from copying a 256 MiB array with {@link System#arraycopy}: the rate at
 * which a restore could at best put a snapshot's memory back, so that bytes divided by it is a physical floor.
 *
 * @param gigabytesPerSecond the best of the timed copies, in 10^9 bytes copied per second (each byte is read
 *                           once and written once)
 */
record MemoryBandwidth(long bytesPerCopy, int copies, double gigabytesPerSecond) {

    private static final int BYTES = 256 << 20;
    private static final int COPIES = 5;

    static MemoryBandwidth measure() {
        byte[] source = new byte[BYTES];
        byte[] target = new byte[BYTES];
        // Touch every page of both arrays first, so that page faults are not timed.
        Arrays.fill(source, (byte) 1);
        Arrays.fill(target, (byte) 0);
        System.arraycopy(source, 0, target, 0, BYTES);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < COPIES; i++) {
            long start = System.nanoTime();
            System.arraycopy(source, 0, target, 0, BYTES);
            best = Math.min(best, System.nanoTime() - start);
        }
        return new MemoryBandwidth(BYTES, COPIES, BYTES / (double) best);
    }

    /** The time copying this many bytes takes at the measured rate. */
    double millisFor(long bytes) {
        return bytes / gigabytesPerSecond / 1e6;
    }
}
