package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Workers sharing Redis and an S3 bucket, each with its own L1. */
class TierFillTest {
    @RegisterExtension
    static final TierServers SERVERS = new TierServers();

    @TempDir
    Path tmp;
    private Path key;

    @BeforeEach
    void sharedKey() throws Exception {
        key = TestKeys.write(tmp.resolve("master.key"));
    }

    private StoreConfig worker(String name) {
        return SERVERS.allTiers(tmp.resolve(name), key);
    }

    @Test
    void readsFallThroughToDurableAndFillTheFasterTiers() throws Exception {
        Path source = TestTrees.sample(tmp.resolve("source"), 3);
        int chunks;
        try (SnapshotStore publisher = SnapshotStore.open(worker("publisher"), new SimpleMeterRegistry())) {
            chunks = publisher.put("fill", "1", source).chunks();
        }
        try (RedisClient client = SERVERS.redis().client()) {
            client.flushAll();
        }

        try (SnapshotStore worker = SnapshotStore.open(worker("worker-a"), new SimpleMeterRegistry())) {
            FetchResult cold = worker.fetch("fill", "1", tmp.resolve("a1"));
            assertEquals(Map.of("l1", 0, "l2", 0, "durable", chunks), cold.chunksByTier());
            assertEquals(chunks, TestTrees.files(tmp.resolve("worker-a/store/cache/chunks/fill")).size());
            try (RedisClient client = SERVERS.redis().client()) {
                assertEquals(chunks, client.keys("thaw:chunks/fill/*").size());
            }
            FetchResult warm = worker.fetch("fill", "1", tmp.resolve("a2"));
            assertEquals(Map.of("l1", chunks, "l2", 0, "durable", 0), warm.chunksByTier());
            assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("a1")));
            assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("a2")));
        }

        try (SnapshotStore worker = SnapshotStore.open(worker("worker-b"), new SimpleMeterRegistry())) {
            FetchResult shared = worker.fetch("fill", "1", tmp.resolve("b1"));
            assertEquals(Map.of("l1", 0, "l2", chunks, "durable", 0), shared.chunksByTier());
            assertEquals(chunks, TestTrees.files(tmp.resolve("worker-b/store/cache/chunks/fill")).size());
            assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("b1")));
        }
    }
}
