package dev.thaw.crac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderedContextTest {

    private final OrderedContext context = new OrderedContext();
    private final List<String> calls = new ArrayList<>();
    /** The context references resources weakly: the test holds them, as a function would. */
    private final List<Resource> held = new ArrayList<>();

    /** Records its notifications in {@link #calls}; throws the given exceptions when set. */
    private class Recorder implements Resource {

        final String name;
        Exception beforeFailure;
        Exception restoreFailure;
        Runnable duringBefore = () -> { };
        Runnable duringRestore = () -> { };

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            calls.add("before " + name);
            duringBefore.run();
            if (beforeFailure != null) {
                throw beforeFailure;
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            calls.add("restore " + name);
            duringRestore.run();
            if (restoreFailure != null) {
                throw restoreFailure;
            }
        }
    }

    private Recorder registered(String name) {
        Recorder recorder = new Recorder(name);
        held.add(recorder);
        context.register(recorder);
        return recorder;
    }

    @Test
    void beforeCheckpointInReverseOrderAfterRestoreInOrder() throws Exception {
        registered("A");
        registered("B");
        registered("C");
        context.beforeCheckpoint(null);
        context.afterRestore(null);
        assertEquals(List.of("before C", "before B", "before A", "restore A", "restore B", "restore C"), calls);
    }

    @Test
    void everyHookRunsAndFailuresAreSuppressedInCallOrder() {
        Recorder a = registered("A");
        Recorder b = registered("B");
        Recorder c = registered("C");
        IllegalStateException fromC = new IllegalStateException("c");
        Exception fromA = new IOException("a");
        c.beforeFailure = fromC;
        a.beforeFailure = fromA;
        CheckpointException thrown = assertThrows(CheckpointException.class, () -> context.beforeCheckpoint(null));
        assertArrayEquals(new Throwable[] {fromC, fromA}, thrown.getSuppressed());
        assertEquals(List.of("before C", "before B", "before A"), calls);

        calls.clear();
        RuntimeException fromB = new RuntimeException("b");
        b.restoreFailure = fromB;
        RestoreException restore = assertThrows(RestoreException.class, () -> context.afterRestore(null));
        assertArrayEquals(new Throwable[] {fromB}, restore.getSuppressed());
        assertEquals(List.of("restore A", "restore B", "restore C"), calls, "a failed beforeCheckpoint still restores");
    }

    @Test
    void nestedContextFailuresAreFlattened() {
        Recorder a = registered("A");
        Recorder b = registered("B");
        CheckpointException nested = new CheckpointException();
        IllegalStateException inner1 = new IllegalStateException("1");
        IllegalStateException inner2 = new IllegalStateException("2");
        nested.addSuppressed(inner1);
        nested.addSuppressed(inner2);
        b.beforeFailure = nested;
        CheckpointException alone = new CheckpointException("refused");
        a.beforeFailure = alone;
        CheckpointException thrown = assertThrows(CheckpointException.class, () -> context.beforeCheckpoint(null));
        assertArrayEquals(new Throwable[] {inner1, inner2, alone}, thrown.getSuppressed());
    }

    @Test
    void resourceRegisteredDuringBeforeCheckpointIsNotifiedInTheSamePass() throws Exception {
        registered("A");
        Recorder b = registered("B");
        b.duringBefore = () -> registered("late");
        context.beforeCheckpoint(null);
        context.afterRestore(null);
        assertEquals(List.of("before B", "before A", "before late", "restore A", "restore B", "restore late"), calls);
    }

    @Test
    void registrationFromAnotherThreadDuringAHookDoesNotBlock() throws Exception {
        Recorder a = registered("A");
        a.duringBefore = () -> CompletableFuture.runAsync(() -> registered("other"))
                .orTimeout(10, TimeUnit.SECONDS).join();
        context.beforeCheckpoint(null);
        assertEquals(List.of("before A", "before other"), calls);
    }

    @Test
    void resourceRegisteredDuringAfterRestoreWaitsForTheNextCheckpoint() throws Exception {
        Recorder a = registered("A");
        a.duringRestore = () -> registered("fresh");
        context.beforeCheckpoint(null);
        context.afterRestore(null);
        assertEquals(List.of("before A", "restore A"), calls);
        calls.clear();
        a.duringRestore = () -> { };
        context.beforeCheckpoint(null);
        context.afterRestore(null);
        assertEquals(List.of("before fresh", "before A", "restore A", "restore fresh"), calls);
    }

    @Test
    void afterRestoreWithoutCheckpointNotifiesNobody() throws Exception {
        registered("A");
        context.afterRestore(null);
        assertEquals(List.of(), calls);
    }

    @Test
    void unreferencedResourcesAreDroppedButNotifiedOnesAreHeldUntilRestore() throws Exception {
        WeakReference<Resource> forgotten = unheld("forgotten");
        collect(forgotten);
        assertNull(forgotten.get(), "the context must not keep a resource alive");
        WeakReference<Resource> notified = unheld("notified");
        context.beforeCheckpoint(null);
        collect(notified);
        context.afterRestore(null);
        assertEquals(List.of("before notified", "restore notified"), calls);
        collect(notified);
        assertNull(notified.get(), "released after the restore");
    }

    @Test
    void checkpointOnRequestIsRefused() {
        CheckpointException thrown = assertThrows(CheckpointException.class, Core::checkpointRestore);
        assertTrue(thrown.getMessage().startsWith("a function cannot request a checkpoint"), thrown.getMessage());
        assertEquals(1, thrown.getSuppressed().length);
        assertEquals(UnsupportedOperationException.class, thrown.getSuppressed()[0].getClass());
    }

    /** Registers a resource nothing else references. */
    private WeakReference<Resource> unheld(String name) {
        Recorder recorder = new Recorder(name);
        context.register(recorder);
        return new WeakReference<>(recorder);
    }

    private static void collect(WeakReference<?> reference) throws InterruptedException {
        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
    }
}
