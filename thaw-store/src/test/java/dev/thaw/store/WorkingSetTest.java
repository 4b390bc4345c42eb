package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Working-set records: sealed beside the manifest in the durable tier (directory or S3), read back by any worker,
 * absent rather than wrong when altered or moved, and removed with their snapshot.
 */
class WorkingSetTest {
    @RegisterExtension
    static final TierServers SERVERS = new TierServers();

    @TempDir
    Path tmp;
    private Path key;
    private Path source;
    private Path durable;
    private final byte[] record = record(1);

    @BeforeEach
    void setUp() throws Exception {
        key = TestKeys.write(tmp.resolve("master.key"));
        source = TestTrees.sample(tmp.resolve("source"), 5);
        durable = tmp.resolve("local/store/durable");
    }

    private StoreConfig local() {
        return StoreConfig.defaults(tmp.resolve("local")).withMasterKeyFile(key);
    }

    private static SnapshotStore open(StoreConfig config) throws StoreException {
        return SnapshotStore.open(config, new SimpleMeterRegistry());
    }

    @Test
    void aRecordWrittenByOneWorkerIsReadByAnotherFromS3AndCachedNowhere() throws Exception {
        try (SnapshotStore publisher = open(SERVERS.allTiers(tmp.resolve("publisher"), key))) {
            putWithRecord(publisher, "s3-fn", "1", record);
        }
        try (SnapshotStore worker = open(SERVERS.allTiers(tmp.resolve("worker"), key))) {
            assertArrayEquals(record, worker.workingSet("s3-fn", "1").orElseThrow());
        }
        byte[] stored = s3Object("working-sets/s3-fn/1");
        assertTrue(stored.length < record.length, "compressed: " + stored.length);
        try (RedisClient client = SERVERS.redis().client()) {
            assertFalse(client.exists("thaw:working-sets/s3-fn/1"), "not in L2");
        }
        assertFalse(Files.exists(tmp.resolve("worker/store/cache/working-sets")), "not in L1");
    }

    @Test
    void aRecordIsReplacedByTheNextOne() throws Exception {
        try (SnapshotStore store = open(local())) {
            putWithRecord(store, "fn", "1", record);
            byte[] refined = record(2);
            store.putWorkingSet("fn", "1", refined);
            assertArrayEquals(refined, store.workingSet("fn", "1").orElseThrow());
        }
    }

    @Test
    void aSnapshotWithoutARecordHasNone() throws Exception {
        try (SnapshotStore store = open(local())) {
            store.put("fn", "1", source);
            assertEquals(Optional.empty(), store.workingSet("fn", "1"));
            assertEquals(Optional.empty(), store.workingSet("fn", "2"));
            assertEquals(Optional.empty(), store.workingSet("unknown", "1"));
        }
    }

    @Test
    void aRecordForASnapshotNotInTheStoreIsRefused() throws Exception {
        try (SnapshotStore store = open(local())) {
            store.put("fn", "1", source);
            StoreException e = assertThrows(StoreException.class, () -> store.putWorkingSet("fn", "2", record));
            assertTrue(e.getMessage().contains("no snapshot fn/2"), e.getMessage());
            assertThrows(StoreException.class, () -> store.putWorkingSet("unknown", "1", record));
        }
        assertFalse(Files.exists(durable.resolve("working-sets")));
    }

    @Test
    void aRecordOverTheBoundIsRefused() throws Exception {
        try (SnapshotStore store = open(local())) {
            store.put("fn", "1", source);
            byte[] huge = new byte[WorkingSets.MAX_BYTES + 1];
            assertThrows(IllegalArgumentException.class, () -> store.putWorkingSet("fn", "1", huge));
            assertEquals(Optional.empty(), store.workingSet("fn", "1"));
        }
    }

    @Test
    void anAlteredRecordReadsAsAbsentAndIsDeleted() throws Exception {
        try (SnapshotStore store = open(local())) {
            putWithRecord(store, "fn", "1", record);
            TestTrees.flipByte(durable.resolve("working-sets/fn/1"));

            assertEquals(Optional.empty(), store.workingSet("fn", "1"));
            assertFalse(Files.exists(durable.resolve("working-sets/fn/1")));
            store.putWorkingSet("fn", "1", record);
            assertArrayEquals(record, store.workingSet("fn", "1").orElseThrow());
        }
    }

    @Test
    void aRecordMovedToAnotherSnapshotReadsAsAbsent() throws Exception {
        try (SnapshotStore store = open(local())) {
            putWithRecord(store, "fn", "a", record);
            putWithRecord(store, "fn", "b", record(2));
            Path records = durable.resolve("working-sets/fn");
            Files.copy(records.resolve("a"), records.resolve("b"), StandardCopyOption.REPLACE_EXISTING);

            assertEquals(Optional.empty(), store.workingSet("fn", "b"));
            assertFalse(Files.exists(records.resolve("b")));
            assertArrayEquals(record, store.workingSet("fn", "a").orElseThrow());
        }
    }

    @Test
    void aRecordIsNeverTakenForAManifestNorAManifestForARecord() throws Exception {
        try (SnapshotStore store = open(local())) {
            putWithRecord(store, "fn", "a", record);
            store.put("fn", "b", source);
            Files.copy(durable.resolve("manifests/fn/b"), durable.resolve("working-sets/fn/b"));
            assertEquals(Optional.empty(), store.workingSet("fn", "b"));

            Files.copy(durable.resolve("working-sets/fn/a"), durable.resolve("manifests/fn/b"),
                    StandardCopyOption.REPLACE_EXISTING);
            assertThrows(CorruptSnapshotException.class, () -> store.fetch("fn", "b", tmp.resolve("target")));
        }
    }

    @Test
    void underAnotherMasterKeyARecordCannotBeReadAndIsKept() throws Exception {
        try (SnapshotStore store = open(local())) {
            putWithRecord(store, "fn", "1", record);
        }
        Path otherKey = TestKeys.write(tmp.resolve("other.key"));
        try (SnapshotStore store = open(local().withMasterKeyFile(otherKey))) {
            StoreException e = assertThrows(StoreException.class, () -> store.workingSet("fn", "1"));
            assertTrue(e.getMessage().contains("wrapped by master key"), e.getMessage());
        }
        assertTrue(Files.exists(durable.resolve("working-sets/fn/1")), "a configuration error deletes nothing");
        try (SnapshotStore store = open(local())) {
            assertArrayEquals(record, store.workingSet("fn", "1").orElseThrow());
        }
    }

    @Test
    void deletingASnapshotOrAFunctionOnS3RemovesItsRecords() throws Exception {
        try (SnapshotStore store = open(SERVERS.allTiers(tmp.resolve("w"), key))) {
            putWithRecord(store, "del-fn", "1", record);
            putWithRecord(store, "del-fn", "2", record);

            store.delete("del-fn", "1");
            assertFalse(s3Exists("working-sets/del-fn/1"));
            assertTrue(s3Exists("working-sets/del-fn/2"));

            store.deleteFunction("del-fn");
            assertFalse(s3Exists("working-sets/del-fn/2"));
            assertEquals(Optional.empty(), store.workingSet("del-fn", "2"));
        }
    }

    @Test
    void reconcileRemovesRecordsOfSnapshotsNoLongerLiveAndOfSnapshotsGone() throws Exception {
        try (SnapshotStore store = open(local())) {
            for (String id : List.of("1", "2", "3")) {
                putWithRecord(store, "fn", id, record);
            }
            putWithRecord(store, "gone", "1", record);
            Files.delete(durable.resolve("manifests/fn/3")); // a record left without its manifest

            ReconcileResult removed = store.reconcile(Map.of("fn", Set.of("1", "3")));
            assertEquals(2, removed.manifestsRemoved()); // fn/2 and gone/1
            assertEquals(3, removed.workingSetsRemoved()); // fn/2, fn/3 and gone/1
            assertEquals(List.of("1"), TestTrees.files(durable.resolve("working-sets/fn")));
            assertFalse(Files.exists(durable.resolve("working-sets/gone")));
            assertArrayEquals(record, store.workingSet("fn", "1").orElseThrow());
            assertEquals(0, store.reconcile(Map.of("fn", Set.of("1"))).workingSetsRemoved());
        }
    }

    @Test
    void collectingChunksLeavesTheRecordsOfRemainingSnapshots() throws Exception {
        try (SnapshotStore store = open(local())) {
            int chunks = store.put("fn", "1", source).chunks();
            store.putWorkingSet("fn", "1", record);
            store.put("fn", "2", TestTrees.sample(tmp.resolve("other"), 6));
            store.delete("fn", "2");
            assertEquals(ReconcileResult.NOTHING, store.reconcile(Map.of("fn", Set.of("1"))));

            assertEquals(chunks, TestTrees.files(durable.resolve("chunks/fn")).size());
            assertArrayEquals(record, store.workingSet("fn", "1").orElseThrow());
            store.fetch("fn", "1", tmp.resolve("target"));
            assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("target")));
        }
    }

    @Test
    void recordsSurviveAMasterKeyRotation() throws Exception {
        try (SnapshotStore store = open(StoreConfig.defaults(tmp.resolve("local")))) {
            putWithRecord(store, "fn", "1", record);
            store.rotateMasterKey(TestKeys.write(tmp.resolve("next.key")));
            assertArrayEquals(record, store.workingSet("fn", "1").orElseThrow());
        }
        try (SnapshotStore store = open(StoreConfig.defaults(tmp.resolve("local")))) {
            assertArrayEquals(record, store.workingSet("fn", "1").orElseThrow());
        }
    }

    private void putWithRecord(SnapshotStore store, String function, String snapshotId, byte[] content)
            throws StoreException {
        store.put(function, snapshotId, source);
        store.putWorkingSet(function, snapshotId, content);
    }

    /** Sorted page addresses, as a worker might encode them: compressible, about 200 KB. */
    private static byte[] record(long seed) {
        byte[] bytes = TestTrees.random(seed, 200_000);
        for (int i = 0; i < bytes.length; i += 8) {
            Arrays.fill(bytes, i, Math.min(i + 6, bytes.length), (byte) 0);
        }
        return bytes;
    }

    private static byte[] s3Object(String objectKey) {
        try (S3Client client = SERVERS.s3().client()) {
            return client.getObjectAsBytes(b -> b.bucket(S3Server.BUCKET).key(objectKey)).asByteArray();
        }
    }

    private static boolean s3Exists(String objectKey) {
        try (S3Client client = SERVERS.s3().client()) {
            return client.listObjectsV2(b -> b.bucket(S3Server.BUCKET).prefix(objectKey)).contents().stream()
                    .anyMatch(object -> object.key().equals(objectKey));
        }
    }
}
