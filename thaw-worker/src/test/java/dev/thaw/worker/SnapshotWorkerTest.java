package dev.thaw.worker;

import dev.thaw.snapshot.MemoryLoading;
import dev.thaw.store.SnapshotStore;
import dev.thaw.worker.sandbox.SnapshotClassData;
import dev.thaw.worker.sandbox.SnapshotFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Real checkpoints and restores of real sandboxed JVMs through the worker, with the host's CRIU. */
class SnapshotWorkerTest {

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private SnapshotStore store;
    private ProcessWorker worker;

    private void start(MemoryLoading memory) {
        start(memory, WorkerConfig.DEFAULT_PREPARED_IMAGES);
    }

    private void start(MemoryLoading memory, long preparedImages) {
        store = TestStores.open(dataDir);
        worker = new ProcessWorker(WorkerConfig.builder(dataDir, RuntimeJar.locate()).concurrencyLimit(10)
                .idleTimeout(Duration.ofMinutes(5)).lazyRestore(memory == MemoryLoading.LAZY)
                .preparedImages(preparedImages).build(), store, metrics);
        // CI provisions CRIU: there, missing snapshots are a failure, not a reason to skip.
        if (!"true".equals(System.getenv("CI"))) {
            assumeFalse(worker.snapshotsUnavailable().isPresent(), () -> worker.snapshotsUnavailable().get());
        }
    }

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
            store.close();
        }
    }

    private FunctionSpec published(String name, String snapshotId) {
        return published(ProcessWorkerTest.spec(name), snapshotId);
    }

    private static FunctionSpec published(FunctionSpec latest, String snapshotId) {
        String name = latest.functionName();
        return new FunctionSpec(name, "1", latest.revisionId(), latest.functionArn(), latest.handler(),
                latest.javaHome(), latest.codeDir(), latest.optDir(), latest.memoryMb(), latest.timeoutSeconds(),
                latest.ephemeralStorageMb(), latest.environment(), latest.region(), latest.credentials(), snapshotId);
    }

    private InvokeResult invoke(FunctionSpec spec, String event) throws Exception {
        return worker.invoke(spec, new InvokeInput(UUID.randomUUID().toString(), spec.functionArn(),
                event.getBytes(StandardCharsets.UTF_8), ""));
    }

    private double pages(String how) {
        return metrics.get("thaw.restore.pages").tag("how", how).summary().totalAmount();
    }

    private static String text(InvokeResult result) {
        return new String(result.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void restoredCopiesGetFreshLogPipesThatOutputBehindJavasBackCannotCorruptTheChannel() throws Exception {
        start(MemoryLoading.EAGER);
        Path snapshotDir = Files.createDirectories(dataDir.resolve("snapshot"));
        SnapshotOutcome outcome = worker.createSnapshot(published("noisy", null), snapshotDir);
        assertTrue(outcome.created(), () -> outcome.stateReason() + "\n" + outcome.log());
        store.put("noisy", "s1", snapshotDir);
        FunctionSpec spec = published("noisy", "s1");

        InvokeResult noisy = invoke(spec, "child-output:garbage from a restored copy");

        assertEquals(null, noisy.functionError(), () -> text(noisy) + noisy.log());
        assertEquals("child exited 0", text(noisy));
        assertTrue(noisy.log().contains("\tRestore Duration: "), noisy.log());
        ProcessWorkerTest.awaitLog(worker, "noisy", "\ngarbage from a restored copy\n");
        InvokeResult next = invoke(spec, "echo:still served");
        assertEquals("still served", text(next), "stdout closed, the copy still serves");
        assertFalse(next.log().contains("Restore Duration"), next.log());

        // The copy's context and variable name the stream its log goes to, not the snapshot's.
        String[] stream = text(invoke(spec, "log-stream")).split(" ");
        assertEquals(stream[0], stream[1]);
        List<String> streams = worker.logs().streams("noisy").stream().map(s -> s.name().toString()).toList();
        assertTrue(streams.contains(stream[0]) && stream[0].contains("[1]"), stream[0] + " of " + streams);
    }

    @ParameterizedTest
    @EnumSource(MemoryLoading.class)
    void restoredCopiesShareInitStateButNotTmpOrProcesses(MemoryLoading memory) throws Exception {
        start(memory);
        Path snapshotDir = Files.createDirectories(dataDir.resolve("snapshot"));
        SnapshotOutcome outcome = worker.createSnapshot(published("snap", null), snapshotDir);
        assertTrue(outcome.created(), () -> outcome.stateReasonCode() + ": " + outcome.stateReason() + "\n"
                + outcome.log());
        // On JDK 25+ the snapshot carries the AOT cache its training run wrote.
        assertEquals(SnapshotClassData.supported(published("snap", null)),
                Files.isRegularFile(SnapshotClassData.file(new SnapshotFiles(snapshotDir))));
        store.put("snap", "s1", snapshotDir);
        FunctionSpec spec = published("snap", "s1");

        InvokeResult first = invoke(spec, "instance");
        assertEquals(null, first.functionError(), () -> text(first) + first.log());
        assertTrue(first.log().contains("\tRestore Duration: "), first.log());
        assertTrue(first.log().contains("\tBilled Restore Duration: "), first.log());
        assertFalse(first.log().contains("Init Duration"), first.log());
        assertTrue(metrics.get("thaw.environment.pss").tag("start", "restore").summary().max() > 1 << 20,
                "a restored copy's proportional set size is measured");
        if (memory == MemoryLoading.LAZY) {
            // The copy resumed before its heap was in: it faulted pages in, the rest came in the background.
            assertTrue(pages("faulted") > 0, "pages faulted in");
            assertTrue(pages("rest") > 0, "not every page was needed by the first invocation");
            assertEquals(0, pages("prefetched"), "nothing is known of the working set before the first copy");
        }
        InvokeResult warm = invoke(spec, "instance");
        assertEquals(text(first), text(warm));
        assertFalse(warm.log().contains("Restore Duration"), warm.log());

        InvokeResult written = invoke(spec, "write-tmp:mine");
        assertEquals(null, written.functionError(), () -> text(written));

        // Two concurrent cold starts: each restores its own copy with the same init state and a fresh /tmp.
        worker.discard("snap", null);
        List<InvokeResult> copies;
        try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
            Future<InvokeResult> one = clients.submit(() -> invoke(spec, "sleep:500"));
            Future<InvokeResult> two = clients.submit(() -> invoke(spec, "sleep:500"));
            copies = List.of(one.get(), two.get());
        }
        for (InvokeResult copy : copies) {
            assertEquals(null, copy.functionError(), () -> text(copy) + copy.log());
            assertTrue(copy.log().contains("\tRestore Duration: "), copy.log());
            assertEquals(text(first), text(copy), "init state is the snapshot's");
        }
        if (memory == MemoryLoading.LAZY) {
            // They restored correctly (above) with what the first copy touched loaded before they resumed.
            assertTrue(pages("prefetched") > 0, "later copies prefetch the first one's working set");
            assertTrue(store.workingSet("snap", "s1").isPresent(), "the record is kept with the snapshot");
        }
        worker.discard("snap", null);
        assertEquals("missing", text(invoke(spec, "read-tmp:mine")), "a restored copy never sees another's /tmp");

        worker.discard("snap", null);
        InvokeResult crashed = invoke(spec, "halt:3");
        assertEquals("Unhandled", crashed.functionError(), () -> text(crashed) + crashed.log());
        assertTrue(crashed.log().contains("Runtime exited with error: exit status 3"), "a restored copy's own exit "
                + "code, not CRIU's: " + crashed.log());
    }

    /** Prepared: pages come from the decrypted image; not: from the store, chunk by verified chunk, as needed. */
    @ParameterizedTest(name = "prepared image: {0}")
    @ValueSource(booleans = {true, false})
    void lazilyRestoredCopiesGetEveryPageRightWhileTheirMemoryChanges(boolean prepared) throws Exception {
        start(MemoryLoading.LAZY, prepared ? WorkerConfig.DEFAULT_PREPARED_IMAGES : 0);
        FunctionSpec latest = ProcessWorkerTest.spec("heap", ProcessWorkerTest.HANDLER, 1024, 30,
                Map.of("TEST_INIT_HEAP_MB", "128"));
        Path snapshotDir = Files.createDirectories(dataDir.resolve("snapshot"));
        SnapshotOutcome outcome = worker.createSnapshot(published(latest, null), snapshotDir);
        assertTrue(outcome.created(), () -> outcome.stateReasonCode() + ": " + outcome.stateReason());
        store.put("heap", "s1", snapshotDir);
        FunctionSpec spec = published(latest, "s1");
        String intact = "intact " + (128 << 17);

        // The first copy faults the whole heap in; a warm second look reads what the background filled in.
        assertEquals(intact, text(invoke(spec, "heap-sum")));
        assertTrue(pages("faulted") > 128 * 256 / 2, "the heap was faulted in: " + pages("faulted"));
        Thread.sleep(500);
        assertEquals(intact, text(invoke(spec, "heap-sum")));
        // Later copies start with the recorded working set, then free, return and fork memory as they run.
        for (int copy = 0; copy < 3; copy++) {
            worker.discard("heap", null);
            InvokeResult churned = invoke(spec, "churn");
            assertEquals("child exited 0, intact", text(churned), () -> text(churned) + churned.log());
            assertEquals(intact, text(invoke(spec, "heap-sum")));
        }
        assertTrue(pages("prefetched") > 128 * 256, "the heap came as the working set: " + pages("prefetched"));
    }

    @Test
    void aPageWhoseChunkFailsVerificationFailsItsCopyAndIsNeverServed() throws Exception {
        start(MemoryLoading.LAZY, 0);
        FunctionSpec latest = ProcessWorkerTest.spec("bad-pages", ProcessWorkerTest.HANDLER, 1024, 30,
                Map.of("TEST_INIT_HEAP_MB", "64"));
        Path snapshotDir = Files.createDirectories(dataDir.resolve("snapshot"));
        assertTrue(worker.createSnapshot(published(latest, null), snapshotDir).created());
        store.put("bad-pages", "s1", snapshotDir);
        FunctionSpec spec = published(latest, "s1");

        // While the restored copy's first invocation sleeps, before its heap is in, every stored copy of each chunk
        // only its memory pages hold goes bad.
        try (ExecutorService client = Executors.newSingleThreadExecutor()) {
            Future<InvokeResult> sleeping = client.submit(() -> invoke(spec, "sleep:1500"));
            Thread.sleep(500);
            corruptChunksOnlyPagesHold(snapshotDir);
            InvokeResult first = sleeping.get();
            assertTrue(first.log().contains("Restore Duration"), first.log());
        }

        // The copy dies at the first page it cannot verify (its heap, read now or by the background fill); the
        // next start fails to load the pages CRIU restores and starts on demand. Never an answer from bad pages.
        InvokeResult read = invoke(spec, "heap-sum");
        if (read.functionError() == null) {
            assertEquals("intact " + (64 << 17), text(read));
            assertTrue(read.log().contains("Init Duration"), () -> "only a fresh start may answer: " + read.log());
        } else {
            assertEquals("Unhandled", read.functionError(), () -> text(read) + read.log());
        }
    }

    private void corruptChunksOnlyPagesHold(Path snapshotDir) throws Exception {
        Set<String> pagesOnly = new HashSet<>();
        Set<String> others = new HashSet<>();
        try (Stream<Path> files = Files.walk(snapshotDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                (file.getFileName().toString().matches("pages-\\d+\\.img") ? pagesOnly : others)
                        .addAll(chunkIds(Files.readAllBytes(file)));
            }
        }
        pagesOnly.removeAll(others);
        assertFalse(pagesOnly.isEmpty());
        try (Stream<Path> stored = Files.walk(dataDir.resolve("store"))) {
            for (Path chunk : stored.filter(f -> pagesOnly.contains(f.getFileName().toString())).toList()) {
                byte[] bytes = Files.readAllBytes(chunk);
                bytes[bytes.length / 2] ^= 0x5a;
                Files.write(chunk, bytes);
            }
        }
    }

    private static Set<String> chunkIds(byte[] content) throws Exception {
        Set<String> ids = new HashSet<>();
        for (int at = 0; at < content.length; at += 512 * 1024) {
            byte[] chunk = Arrays.copyOfRange(content, at, Math.min(content.length, at + 512 * 1024));
            ids.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chunk)));
        }
        return ids;
    }
}
