package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting a snapshot or a function removes its objects from L1, Redis and the durable tier (directory or S3). */
class DeletionTest {
    @RegisterExtension
    static final TierServers SERVERS = new TierServers();

    /** Stores sharing the bucket share a master key, as workers must. */
    @TempDir
    static Path keys;
    private static Path key;

    @TempDir
    Path tmp;
    private Path one;
    private Path two;

    @BeforeAll
    static void writeKey() throws Exception {
        key = TestKeys.write(keys.resolve("master.key"));
    }

    @BeforeEach
    void setUp() throws Exception {
        one = TestTrees.sample(tmp.resolve("one"), 6);
        two = TestTrees.sample(tmp.resolve("two"), 6);
        TestTrees.write(two.resolve("multi.bin"), TestTrees.random(99, 3 * TestTrees.CHUNK + 7));
        TestTrees.stampTimes(two, 6);
    }

    @Test
    void deletingASnapshotKeepsChunksAnotherSnapshotStillReferences() throws Exception {
        StoreConfig config = SERVERS.allTiers(tmp.resolve("data"), key);
        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            int chunksOfOne = store.put("snap", "1", one).chunks();
            int chunksOfTwo = store.put("snap", "2", two).chunks();
            int shared = chunksOfOne - 4; // multi.bin's four chunks differ
            assertEquals(chunksOfOne + chunksOfTwo - shared, bucketKeys("chunks/snap/").size());

            store.delete("snap", "1");
            assertFalse(store.exists("snap", "1"));
            assertEquals(chunksOfTwo, bucketKeys("chunks/snap/").size());
            assertEquals(chunksOfTwo, redisKeys("thaw:chunks/snap/*").size());
            assertEquals(chunksOfTwo, TestTrees.files(tmp.resolve("data/store/cache/chunks/snap")).size());
            store.fetch("snap", "2", tmp.resolve("target"));
            assertEquals(TestTrees.describe(two), TestTrees.describe(tmp.resolve("target")));
        }
    }

    @Test
    void deletingAFunctionLeavesNothingOfItInAnyTier() throws Exception {
        StoreConfig config = SERVERS.allTiers(tmp.resolve("data"), key);
        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            store.put("doomed", "1", one);
            store.put("doomed", "2", two);
            store.put("survivor", "1", one);

            store.deleteFunction("doomed");
            assertEquals(List.of(), bucketKeys("").stream().filter(k -> k.contains("doomed")).toList());
            assertEquals(List.of(), redisKeys("thaw:*doomed*"));
            assertEquals(List.of(), TestTrees.files(tmp.resolve("data/store/cache")).stream()
                    .filter(p -> p.contains("doomed")).toList());
            assertFalse(store.exists("doomed", "1"));

            store.fetch("survivor", "1", tmp.resolve("target"));
            assertEquals(TestTrees.describe(one), TestTrees.describe(tmp.resolve("target")));
        }
    }

    @Test
    void deletingAFunctionEmptiesTheDurableDirectory() throws Exception {
        StoreConfig config = StoreConfig.defaults(tmp.resolve("data"));
        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            store.put("doomed", "1", one);
            store.deleteFunction("doomed");
        }
        try (Stream<Path> walk = Files.walk(tmp.resolve("data/store"))) {
            List<Path> left = walk.filter(p -> p.toString().contains("doomed")).toList();
            assertEquals(List.of(), left);
        }
        assertTrue(Files.isDirectory(tmp.resolve("data/store/durable/chunks")));
    }

    private static List<String> bucketKeys(String prefix) {
        try (S3Client client = SERVERS.s3().client()) {
            return client.listObjectsV2Paginator(b -> b.bucket(S3Server.BUCKET).prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    private static List<String> redisKeys(String pattern) {
        List<String> keys = new ArrayList<>();
        try (RedisClient client = SERVERS.redis().client()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().match(pattern).count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return keys;
    }
}
