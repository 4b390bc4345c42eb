package dev.thaw.controlplane.cluster;

import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps this server's L1 free of the chunks of snapshots deleted through any server sharing the database: the
 * server that deletes a snapshot removes it from its own L1, Redis and the bucket, but every other server's L1 keeps
 * its (encrypted) chunks until they would be evicted. Each sweep compares the live snapshots with the last sweep's
 * and drops from L1 the chunks of the functions that lost one; the first sweep drops those of functions with no
 * live snapshot left, deleted while this server was away.
 */
public final class LocalCacheRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCacheRetention.class);

    private final SnapshotStore store;
    private Map<String, Set<String>> lastLive;

    public LocalCacheRetention(SnapshotStore store) {
        this.store = store;
    }

    /** @param live every live snapshot, by function */
    public synchronized void retain(Map<String, Set<String>> live) {
        Set<String> lost = new HashSet<>();
        if (lastLive == null) {
            store.locallyCachedFunctions().stream().filter(function -> !live.containsKey(function))
                    .forEach(lost::add);
        } else {
            lastLive.forEach((function, snapshots) -> {
                if (!live.getOrDefault(function, Set.of()).containsAll(snapshots)) {
                    lost.add(function);
                }
            });
        }
        Map<String, Set<String>> swept = Map.copyOf(live);
        for (String function : lost) {
            try {
                store.dropFromLocalCache(function, live.getOrDefault(function, Set.of()));
            } catch (StoreException e) {
                // Tried again at the next sweep: this one does not count as seen.
                LOG.warn("cannot drop the chunks of {}'s deleted snapshots from L1: {}", function, e.toString());
                swept = null;
            }
        }
        if (swept != null) {
            lastLive = swept;
        }
    }
}
