package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad copy in a cache tier is evicted and read again from the next tier; a bad or missing durable copy fails
 * the fetch with CorruptSnapshotException, leaves the target as it was and is cached nowhere.
 */
class CorruptionTest {
    @RegisterExtension
    static final TierServers SERVERS = new TierServers();

    @TempDir
    Path tmp;
    private Path key;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        key = TestKeys.write(tmp.resolve("master.key"));
        source = TestTrees.sample(tmp.resolve("source"), 4);
        try (RedisClient client = SERVERS.redis().client()) {
            client.flushAll();
        }
    }

    private StoreConfig worker(String name) {
        return SERVERS.allTiers(tmp.resolve(name), key);
    }

    @Test
    void badL1CopyIsEvictedAndReadFromL2() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SnapshotStore store = SnapshotStore.open(worker("w"), registry)) {
            int chunks = store.put("bad-l1", "1", source).chunks();
            Path cached = tmp.resolve("w/store/cache/chunks/bad-l1");
            String id = TestTrees.files(cached).get(0);
            TestTrees.flipByte(cached.resolve(id));

            FetchResult result = store.fetch("bad-l1", "1", tmp.resolve("target"));
            assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("target")));
            assertEquals(chunks - 1, result.chunksByTier().get("l1"));
            assertEquals(1, result.chunksByTier().get("l2"));
            assertEquals(1.0, registry.counter("thaw_store_chunk_corrupt", "tier", "l1").count());
            assertArrayEquals(s3Object("chunks/bad-l1/" + id), Files.readAllBytes(cached.resolve(id)), "L1 refilled");
        }
    }

    @Test
    void badRedisCopyIsEvictedAndReadFromDurable() throws Exception {
        int chunks;
        try (SnapshotStore publisher = SnapshotStore.open(worker("publisher"), new SimpleMeterRegistry())) {
            chunks = publisher.put("bad-l2", "1", source).chunks();
        }
        String id = TestTrees.files(tmp.resolve("publisher/store/cache/chunks/bad-l2")).get(0);
        byte[] redisKey = ("thaw:chunks/bad-l2/" + id).getBytes(StandardCharsets.UTF_8);
        try (RedisClient client = SERVERS.redis().client()) {
            byte[] altered = client.get(redisKey);
            altered[altered.length / 2] ^= 0x5a;
            client.set(redisKey, altered);
        }

        try (SnapshotStore worker = SnapshotStore.open(worker("worker"), new SimpleMeterRegistry())) {
            FetchResult result = worker.fetch("bad-l2", "1", tmp.resolve("target"));
            assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("target")));
            assertEquals(chunks - 1, result.chunksByTier().get("l2"));
            assertEquals(1, result.chunksByTier().get("durable"));
        }
        try (RedisClient client = SERVERS.redis().client()) {
            assertArrayEquals(s3Object("chunks/bad-l2/" + id), client.get(redisKey), "L2 refilled");
        }
    }

    @Test
    void badS3ObjectFailsTheFetchAndIsCachedNowhere() throws Exception {
        try (SnapshotStore publisher = SnapshotStore.open(worker("publisher"), new SimpleMeterRegistry())) {
            publisher.put("bad-s3", "1", source);
        }
        try (RedisClient client = SERVERS.redis().client()) {
            client.flushAll();
        }
        String id = TestTrees.files(tmp.resolve("publisher/store/cache/chunks/bad-s3")).get(0);
        byte[] altered = s3Object("chunks/bad-s3/" + id);
        altered[altered.length / 2] ^= 0x5a;
        try (S3Client client = SERVERS.s3().client()) {
            client.putObject(b -> b.bucket(S3Server.BUCKET).key("chunks/bad-s3/" + id), RequestBody.fromBytes(altered));
        }

        try (SnapshotStore worker = SnapshotStore.open(worker("worker"), new SimpleMeterRegistry())) {
            assertFailsAndCachesNothingBad(worker, "bad-s3", id, tmp.resolve("worker"));
        }
    }

    @Test
    void badDurableDirectoryChunkFailsTheFetchAndIsCachedNowhere() throws Exception {
        StoreConfig config = StoreConfig.defaults(tmp.resolve("local")).withRedisUrl(SERVERS.redis().url());
        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            store.put("bad-dir", "1", source);
        }
        // A fresh worker: nothing cached anywhere.
        deleteTree(tmp.resolve("local/store/cache"));
        try (RedisClient client = SERVERS.redis().client()) {
            client.flushAll();
        }
        Path durable = tmp.resolve("local/store/durable/chunks/bad-dir");
        String id = TestTrees.files(durable).get(0);
        TestTrees.flipByte(durable.resolve(id));

        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            assertFailsAndCachesNothingBad(store, "bad-dir", id, tmp.resolve("local"));
        }
    }

    @Test
    void missingDurableChunkFailsTheFetch() throws Exception {
        StoreConfig config = StoreConfig.defaults(tmp.resolve("local"));
        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            store.put("gone", "1", source);
        }
        deleteTree(tmp.resolve("local/store/cache"));
        Path durable = tmp.resolve("local/store/durable/chunks/gone");
        String id = TestTrees.files(durable).get(0);
        Files.delete(durable.resolve(id));
        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                    () -> store.fetch("gone", "1", tmp.resolve("target")));
            assertTrue(e.getMessage().contains(id) && e.getMessage().contains("missing"), e.getMessage());
        }
    }

    @Test
    void truncatedOrMissingManifestIsAClearError() throws Exception {
        StoreConfig config = StoreConfig.defaults(tmp.resolve("local"));
        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            store.put("manifests", "1", source);
            Path manifest = tmp.resolve("local/store/durable/manifests/manifests/1");
            byte[] sealed = Files.readAllBytes(manifest);
            Files.write(manifest, java.util.Arrays.copyOf(sealed, sealed.length - 10));

            CorruptSnapshotException truncated = assertThrows(CorruptSnapshotException.class,
                    () -> store.fetch("manifests", "1", tmp.resolve("target")));
            assertTrue(truncated.getMessage().contains("manifest of snapshot manifests/1"), truncated.getMessage());

            StoreException missing = assertThrows(StoreException.class,
                    () -> store.fetch("manifests", "2", tmp.resolve("target")));
            assertFalse(missing instanceof CorruptSnapshotException);
            assertTrue(missing.getMessage().contains("no snapshot manifests/2"), missing.getMessage());
        }
    }

    private void assertFailsAndCachesNothingBad(SnapshotStore store, String function, String badId, Path dataDir)
            throws Exception {
        Path target = tmp.resolve("target-" + function);
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class,
                () -> store.fetch(function, "1", target));
        assertTrue(e.getMessage().contains(badId) && e.getMessage().contains(function), e.getMessage());
        assertEquals(List.of(), Files.list(target).toList(), "target keeps nothing of a failed fetch");
        assertFalse(Files.exists(dataDir.resolve("store/cache/chunks/" + function + "/" + badId)), "bad chunk in L1");
        try (RedisClient client = SERVERS.redis().client()) {
            assertFalse(client.exists("thaw:chunks/" + function + "/" + badId), "bad chunk in L2");
        }
    }

    private static byte[] s3Object(String key) {
        try (S3Client client = SERVERS.s3().client()) {
            return client.getObjectAsBytes(b -> b.bucket(S3Server.BUCKET).key(key)).asByteArray();
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
