package dev.thaw.worker.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepared snapshots go when no version keeps them, but never from under a restore that reads them. */
class PreparedImagesTest {

    @TempDir
    Path dataDir;

    private SnapshotStore store;
    private PreparedImages prepared;

    @BeforeEach
    void open() throws Exception {
        store = SnapshotStore.open(StoreConfig.defaults(dataDir), new SimpleMeterRegistry());
        for (String id : new String[] {"kept", "gone", "read"}) {
            Path snapshot = Files.createDirectories(dataDir.resolve("snapshot-" + id));
            Files.writeString(snapshot.resolve("pages.img"), "decrypted " + id);
            store.put("fn", id, snapshot);
        }
        prepared = new PreparedImages(store, dataDir, 64L << 20);
    }

    @AfterEach
    void close() {
        prepared.close();
        store.close();
    }

    @Test
    void onlyWhatLiveNamesStaysAndAReadOneGoesWhenItsRestoreIsDone() throws Exception {
        prepared.prepare("fn", "kept");
        prepared.prepare("fn", "gone");
        SnapshotSource.Checkout reading = prepared.checkout("fn", "read", dataDir);
        assertEquals(3, preparedCopies());

        prepared.retainOnly(Map.of("fn", Set.of("kept")));
        assertEquals(2, preparedCopies(), "the one being read stays until its restore is done");
        reading.close();
        assertEquals(1, preparedCopies());
        prepared.retainOnly(Map.of());
        assertEquals(0, preparedCopies());
    }

    /** Prepared copies hold the snapshot's files decrypted: counted by their content, wherever they are kept. */
    private long preparedCopies() throws IOException {
        long count = 0;
        for (Path base : new Path[] {Path.of("/dev/shm"), dataDir}) {
            Path root = base.resolve("thaw-prepared-" + ProcessHandle.current().pid());
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    count += files.filter(path -> path.getFileName().toString().equals("pages.img")).count();
                }
            }
        }
        return count;
    }
}
