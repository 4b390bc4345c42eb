package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A dead or frozen Redis costs a bounded delay, never a failed fetch, and is used again once it is back. */
class RedisOutageTest {
    /** Well above one Redis timeout (200 ms) plus reading the snapshot from the durable directory. */
    private static final Duration BOUND = Duration.ofSeconds(3);

    @TempDir
    Path tmp;
    private RedisServer redis;
    private SnapshotStore store;
    private Path source;
    private int chunks;

    @BeforeEach
    void setUp() throws Exception {
        redis = RedisServer.start();
        source = TestTrees.sample(tmp.resolve("source"), 5);
        // A 1-byte L1 caches nothing, so every read asks L2 first.
        store = SnapshotStore.open(StoreConfig.defaults(tmp.resolve("data")).withL1MaxBytes(1)
                .withRedisUrl(redis.url()), new SimpleMeterRegistry());
        chunks = store.put("outage", "1", source).chunks();
        assertEquals(chunks, fetch("warm").chunksByTier().get("l2"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (store != null) {
            store.close();
        }
        redis.close();
    }

    @Test
    void fetchesFromDurableWhileRedisIsDeadAndUsesItAgainWhenBack() throws Exception {
        redis.kill();
        FetchResult withoutRedis = fetch("dead");
        assertEquals(chunks, withoutRedis.chunksByTier().get("durable"));
        assertTrue(withoutRedis.elapsed().compareTo(BOUND) < 0, "took " + withoutRedis.elapsed());

        redis.restart(); // empty: the next fetch that reaches it refills it
        awaitServedFromRedis();
    }

    @Test
    void fetchesFromDurableWhileRedisIsFrozenAndUsesItAgainWhenBack() throws Exception {
        redis.pause();
        try {
            FetchResult frozen = fetch("frozen");
            assertEquals(chunks, frozen.chunksByTier().get("durable"));
            assertTrue(frozen.elapsed().compareTo(BOUND) < 0, "took " + frozen.elapsed());
        } finally {
            redis.resume();
        }
        awaitServedFromRedis();
    }

    private void awaitServedFromRedis() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            if (fetch("back-" + attempt).chunksByTier().get("l2") == chunks) {
                return;
            }
            Thread.sleep(250);
        }
        fail("L2 not used again within 20 s");
    }

    private FetchResult fetch(String target) throws Exception {
        FetchResult result = store.fetch("outage", "1", tmp.resolve(target));
        assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve(target)));
        return result;
    }
}
