package dev.thaw.store.tier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCacheTierTest {
    @TempDir
    Path root;

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsBound() throws Exception {
        LocalCacheTier cache = LocalCacheTier.open(root, 3000);
        cache.put("chunks/f/a", new byte[1000]);
        cache.put("chunks/f/b", new byte[1000]);
        cache.put("chunks/f/c", new byte[1000]);
        assertTrue(cache.get("chunks/f/a").isPresent()); // a is now more recent than b
        cache.put("chunks/f/d", new byte[1000]);

        assertFalse(cache.exists("chunks/f/b"));
        assertFalse(Files.exists(root.resolve("chunks/f/b")));
        assertEquals(List.of("c", "a", "d"), names(cache), "least recently used first");
        assertEquals(3000, cache.totalBytes());
    }

    @Test
    void rebuildsItsOrderFromTheDirectoryWhenReopened() throws Exception {
        LocalCacheTier cache = LocalCacheTier.open(root, 10_000);
        for (String name : List.of("a", "b", "c")) {
            cache.put("chunks/f/" + name, new byte[1000]);
        }
        Files.setLastModifiedTime(root.resolve("chunks/f/a"), FileTime.fromMillis(3_000_000));
        Files.setLastModifiedTime(root.resolve("chunks/f/b"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(root.resolve("chunks/f/c"), FileTime.fromMillis(2_000_000));
        Files.writeString(root.resolve("chunks/f/.tmp-d-123"), "an interrupted write");
        cache.close();

        LocalCacheTier reopened = LocalCacheTier.open(root, 2000);
        assertEquals(List.of("c", "a"), names(reopened), "b was least recently used");
        assertFalse(Files.exists(root.resolve("chunks/f/.tmp-d-123")));
    }

    @Test
    void aFailedWriteSkipsCachingAndNeverThrows() throws Exception {
        LocalCacheTier cache = LocalCacheTier.open(root, 10_000);
        cache.put("chunks/f/a", new byte[1000]);
        Files.createDirectories(root.resolve("chunks"));
        Files.writeString(root.resolve("chunks/g"), "a file where a directory must go");

        cache.put("chunks/g/x", new byte[1000]);
        assertEquals(Optional.empty(), cache.get("chunks/g/x"));
        assertFalse(cache.exists("chunks/f/a"), "evicted to make room");
    }

    @Test
    void anUnreadableFileIsAMissAndIsDropped() throws Exception {
        LocalCacheTier cache = LocalCacheTier.open(root, 10_000);
        cache.put("chunks/f/a", new byte[] {1, 2, 3});
        Files.delete(root.resolve("chunks/f/a"));
        Files.createDirectory(root.resolve("chunks/f/a")); // reading it fails

        assertEquals(Optional.empty(), cache.get("chunks/f/a"));
        assertFalse(cache.exists("chunks/f/a"));
        cache.put("chunks/f/b", new byte[] {4});
        assertArrayEquals(new byte[] {4}, cache.get("chunks/f/b").orElseThrow());
    }

    private static List<String> names(LocalCacheTier cache) {
        return cache.list("chunks/f/").stream().map(o -> o.key().substring("chunks/f/".length())).toList();
    }
}
