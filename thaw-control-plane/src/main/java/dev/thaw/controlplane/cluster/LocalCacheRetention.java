package dev.thaw.controlplane.cluster;

import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keeps this server's L1 free of the chunks of snapshots deleted through any server sharing the database: the
 * server that deletes a snapshot removes it from its own L1, Redis and the bucket, but every other server's L1 keeps
 * its (encrypted) chunks until they would be evicted. A sweep checks each function in L1 whose live snapshots or
 * whose count of cached chunks changed since the last check (new chunks may belong to a snapshot deleted since),
 * and drops the chunks none of its live snapshots references: every chunk of a function with none live.
 */
public final class LocalCacheRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCacheRetention.class);

    /** What a function's L1 chunks were checked against, and how many were left. */
    private record Checked(Set<String> live, int chunks) {
    }

    private final SnapshotStore store;
    private final Map<String, Checked> checked = new HashMap<>();

    public LocalCacheRetention(SnapshotStore store) {
        this.store = store;
    }

    /** @param live every live snapshot, by function */
    public synchronized void retain(Map<String, Set<String>> live) {
        Map<String, Integer> cached = store.locallyCachedChunks();
        checked.keySet().retainAll(cached.keySet());
        cached.forEach((function, chunks) -> {
            Set<String> snapshots = Set.copyOf(live.getOrDefault(function, Set.of()));
            if (new Checked(snapshots, chunks).equals(checked.get(function))) {
                return;
            }
            try {
                int dropped = store.dropFromLocalCache(function, snapshots);
                checked.put(function, new Checked(snapshots, chunks - dropped));
            } catch (StoreException e) {
                // Not marked checked: tried again at the next sweep.
                LOG.warn("cannot drop the chunks of {}'s deleted snapshots from L1: {}", function, e.toString());
            }
        });
    }
}
