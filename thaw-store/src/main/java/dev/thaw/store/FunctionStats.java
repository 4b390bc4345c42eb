package dev.thaw.store;

import java.util.Map;

/**
 * Storage use of one function.
 *
 * @param rawBytes         sum of file sizes over its snapshots
 * @param storedBytes      stored size of its unique referenced chunks in the durable tier
 * @param dedupRatio       plaintext its snapshots reference / plaintext of its unique chunks
 * @param compressionRatio plaintext of its unique chunks / their stored size
 * @param tierBytes        bytes of its chunks (and, in the durable tier, manifests and working sets) per tier name
 *                         ({@code l1}, {@code l2}, {@code durable})
 */
public record FunctionStats(String function, int snapshots, long rawBytes, long storedBytes, double dedupRatio,
                            double compressionRatio, Map<String, Long> tierBytes) {
}
