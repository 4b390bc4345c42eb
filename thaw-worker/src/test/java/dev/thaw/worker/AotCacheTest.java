package dev.thaw.worker;

import dev.thaw.store.SnapshotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The JDK's AOT cache for environments started on demand: one training run records it, later starts use it. */
class AotCacheTest {

    @TempDir
    Path dataDir;

    private SnapshotStore store;
    private ProcessWorker worker;

    @AfterEach
    void close() {
        worker.close();
        store.close();
    }

    @Test
    void theFirstEnvironmentRecordsTheCacheAndLaterOnesStartFromIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        store = TestStores.open(dataDir);
        worker = new ProcessWorker(WorkerConfig.builder(dataDir, RuntimeJar.locate()).concurrencyLimit(4)
                .idleTimeout(Duration.ZERO).aotCache(true).preparedImages(0).build(), store, new SimpleMeterRegistry());
        FunctionSpec spec = ProcessWorkerTest.spec("aot-" + ProcessHandle.current().pid());

        assertEquals("hi", invoke(spec, "echo:hi"), "the training run serves like any environment");
        Path caches = dataDir.resolve("aot").resolve(spec.functionName());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cacheFiles(caches).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the training run wrote no AOT cache");
            Thread.sleep(100);
        }
        assertEquals("again", invoke(spec, "echo:again"), "an environment started from the cache serves");
        assertEquals(1, cacheFiles(caches).size());
    }

    private String invoke(FunctionSpec spec, String event) throws Exception {
        InvokeResult result = worker.invoke(spec, new InvokeInput(UUID.randomUUID().toString(), spec.functionArn(),
                event.getBytes(StandardCharsets.UTF_8), ""));
        assertNull(result.functionError(), () -> new String(result.payload(), StandardCharsets.UTF_8) + result.log());
        assertTrue(result.log().contains("Init Duration"), result.log());
        return new String(result.payload(), StandardCharsets.UTF_8);
    }

    private static List<Path> cacheFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".aot")).toList();
        }
    }
}
