package dev.thaw.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterKeyTest {
    @TempDir
    Path tmp;
    private Path data;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        data = tmp.resolve("data");
        source = TestTrees.sample(tmp.resolve("source"), 9);
    }

    @Test
    void theDefaultKeyIsCreatedReadableByItsOwnerOnly() throws Exception {
        try (SnapshotStore store = open(StoreConfig.defaults(data))) {
            store.put("f", "1", source);
        }
        Path key = data.resolve("store/master.key");
        assertEquals(32, Files.size(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void anOperatorKeyMayBeRawOrBase64() throws Exception {
        byte[] raw = randomKey();
        Path base64 = Files.writeString(tmp.resolve("key.b64"), Base64.getEncoder().encodeToString(raw) + "\n");
        Path binary = Files.write(tmp.resolve("key.bin"), raw);
        try (SnapshotStore store = open(StoreConfig.defaults(data).withMasterKeyFile(base64))) {
            store.put("f", "1", source);
        }
        try (SnapshotStore store = open(StoreConfig.defaults(data).withMasterKeyFile(binary))) {
            store.fetch("f", "1", tmp.resolve("target"));
        }
        assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("target")));
        assertFalse(Files.exists(data.resolve("store/master.key")), "no managed key with an operator key");
    }

    @Test
    void rotationRewrapsDataKeysAndLeavesChunksAlone() throws Exception {
        Path oldKey = tmp.resolve("old.key");
        Path newKey = Files.writeString(tmp.resolve("new.key"), Base64.getEncoder().encodeToString(randomKey()));
        Map<String, String> chunksBefore;
        try (SnapshotStore store = open(StoreConfig.defaults(data))) {
            store.put("f", "1", source);
            store.put("g", "1", source);
            chunksBefore = chunkDigests();
            Files.copy(data.resolve("store/master.key"), oldKey);
            String oldId = wrappingKeyId("f");

            store.rotateMasterKey(newKey);
            assertEquals(chunksBefore, chunkDigests(), "chunks untouched");
            assertNotEquals(oldId, wrappingKeyId("f"));
            assertEquals(wrappingKeyId("f"), wrappingKeyId("g"));
            assertArrayEquals(Base64.getDecoder().decode(Files.readString(newKey)),
                    Files.readAllBytes(data.resolve("store/master.key")), "managed key file replaced");
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(data.resolve("store/master.key"))));
            store.fetch("f", "1", tmp.resolve("same-store"));
        }
        try (SnapshotStore store = open(StoreConfig.defaults(data))) {
            store.fetch("g", "1", tmp.resolve("reopened"));
        }
        assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("reopened")));

        try (SnapshotStore store = open(StoreConfig.defaults(data).withMasterKeyFile(oldKey))) {
            StoreException e = assertThrows(StoreException.class, () -> store.fetch("f", "1", tmp.resolve("old")));
            assertTrue(e.getMessage().contains("wrapped by master key"), e.getMessage());
        }
    }

    @Test
    void anInterruptedRotationIsFinishedAtOpen() throws Exception {
        byte[] next = randomKey();
        try (SnapshotStore store = open(StoreConfig.defaults(data))) {
            store.put("f", "1", source);
        }
        String before = wrappingKeyId("f");
        // What a rotation leaves when the process dies after persisting the next key.
        Files.write(data.resolve("store/master.key.next"), next);

        try (SnapshotStore store = open(StoreConfig.defaults(data))) {
            store.fetch("f", "1", tmp.resolve("target"));
        }
        assertArrayEquals(next, Files.readAllBytes(data.resolve("store/master.key")));
        assertFalse(Files.exists(data.resolve("store/master.key.next")));
        assertNotEquals(before, wrappingKeyId("f"));
    }

    @Test
    void aWrongMasterKeyIsAClearError() throws Exception {
        try (SnapshotStore store = open(StoreConfig.defaults(data))) {
            store.put("f", "1", source);
        }
        Path other = Files.write(tmp.resolve("other.key"), randomKey());
        try (SnapshotStore store = open(StoreConfig.defaults(data).withMasterKeyFile(other))) {
            StoreException e = assertThrows(StoreException.class, () -> store.fetch("f", "1", tmp.resolve("t")));
            assertTrue(e.getMessage().contains("wrong master key file"), e.getMessage());
        }
    }

    @Test
    void aLostDefaultKeyIsNotSilentlyReplaced() throws Exception {
        try (SnapshotStore store = open(StoreConfig.defaults(data))) {
            store.put("f", "1", source);
        }
        Files.delete(data.resolve("store/master.key"));
        StoreException e = assertThrows(StoreException.class, () -> open(StoreConfig.defaults(data)));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }

    @Test
    void aMalformedKeyFileIsAClearError() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.key"), "not a key");
        StoreException e = assertThrows(StoreException.class,
                () -> open(StoreConfig.defaults(data).withMasterKeyFile(bad)));
        assertTrue(e.getMessage().contains("32 raw bytes or their base64 text"), e.getMessage());
    }

    private SnapshotStore open(StoreConfig config) throws StoreException {
        return SnapshotStore.open(config, new SimpleMeterRegistry());
    }

    private String wrappingKeyId(String function) throws Exception {
        return new ObjectMapper().readTree(data.resolve("store/durable/keys/" + function).toFile())
                .get("masterKeyId").asText();
    }

    private Map<String, String> chunkDigests() throws Exception {
        Path chunks = data.resolve("store/durable/chunks");
        Map<String, String> digests = new TreeMap<>();
        for (String file : TestTrees.files(chunks)) {
            digests.put(file, TestTrees.sha256(Files.readAllBytes(chunks.resolve(file))));
        }
        return digests;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
