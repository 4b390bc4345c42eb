package dev.thaw.store;

import java.time.Duration;
import java.util.Map;

/**
 * What a fetch restored.
 *
 * @param bytes        sum of the restored file sizes
 * @param chunks       distinct chunks read
 * @param chunksByTier how many of them each tier served: keys {@code l1}, {@code l2}, {@code durable}
 */
public record FetchResult(long bytes, int chunks, Map<String, Integer> chunksByTier, Duration elapsed) {
}
