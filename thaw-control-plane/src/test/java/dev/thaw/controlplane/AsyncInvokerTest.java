package dev.thaw.controlplane;

import dev.thaw.worker.FunctionSpec;
import dev.thaw.worker.InvokeInput;
import dev.thaw.worker.InvokeResult;
import dev.thaw.worker.SnapshotOutcome;
import dev.thaw.worker.SnapshotRejections;
import dev.thaw.worker.ThrottleReason;
import dev.thaw.worker.ThrottledException;
import dev.thaw.worker.Worker;
import dev.thaw.worker.WorkerFigures;
import dev.thaw.worker.logs.FunctionLogs;
import dev.thaw.controlplane.cluster.Membership;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The async queue's attempts as its timer and clock see them: which delays it asks for, and when it gives up. The
 * timer only records; the test moves the clock and fires what is due, so minutes of back-off take no time.
 */
class AsyncInvokerTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final FunctionSpec SPEC = new FunctionSpec("fn", "$LATEST", "r1",
            "arn:aws:lambda:us-east-1:000000000000:function:fn", "example.Handler::handleRequest", Path.of("/jdk"),
            Path.of("/code"), Path.of("/opt"), 128, 3, 512, Map.of(), "us-east-1", null, null);
    private static final InvokeInput INPUT = new InvokeInput("request-1", SPEC.functionArn(), new byte[0], "");

    private record Pending(Duration delay, Runnable task) {
    }

    /** What one invocation does. */
    @FunctionalInterface
    private interface Outcome {
        InvokeResult get() throws ThrottledException;
    }

    private static final String NODE = ControlPlaneConfig.LOCAL_NODE;

    @TempDir
    Path dir;

    private MetadataStore store;

    @BeforeEach
    void openStore() {
        store = MetadataStore.open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private final SetClock clock = new SetClock(START);
    private final BlockingQueue<Pending> timer = new LinkedBlockingQueue<>();
    private final BlockingQueue<Instant> attempts = new LinkedBlockingQueue<>();
    private final List<Instant> attempted = new ArrayList<>();

    @Test
    void aFailingEventIsRetriedAfterOneThenTwoMinutesAndThenDropped() throws Exception {
        try (AsyncInvoker invoker = invoker(() -> new InvokeResult(new byte[0], "Unhandled", ""))) {
            invoker.submit(SPEC, INPUT, AsyncLimits.DEFAULT);
            assertEquals(START, nextAttempt());
            assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), fireEach(2));
            assertNull(timer.poll(200, TimeUnit.MILLISECONDS), "no third retry");
            assertEquals(List.of(START, START.plus(Duration.ofMinutes(1)), START.plus(Duration.ofMinutes(3))),
                    attempted);
        }
    }

    @Test
    void withNoRetriesAllowedOneAttemptIsAll() throws Exception {
        try (AsyncInvoker invoker = invoker(() -> new InvokeResult(new byte[0], "Unhandled", ""))) {
            invoker.submit(SPEC, INPUT, new AsyncLimits(0, EventInvokeConfig.MAX_EVENT_AGE));
            assertNotNull(nextAttempt());
            assertNull(timer.poll(200, TimeUnit.MILLISECONDS), "no retry");
        }
    }

    @Test
    void aThrottledEventIsRetriedUntilItsMaximumAge() throws Exception {
        try (AsyncInvoker invoker = invoker(() -> {
            throw new ThrottledException(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED,
                    "Rate Exceeded.");
        })) {
            invoker.submit(SPEC, INPUT, new AsyncLimits(0, Duration.ofSeconds(60)));
            nextAttempt();
            // 1 + 2 + 4 + 8 + 16 s = 31 s; the next wait, 32 s, would end past the minute.
            assertEquals(List.of(1L, 2L, 4L, 8L, 16L), fireEach(5).stream().map(Duration::toSeconds).toList());
            assertNull(timer.poll(200, TimeUnit.MILLISECONDS), "dropped at its maximum age");
        }
    }

    @Test
    void anEventAStoppedServerHeldIsAttemptedAgainAtItsNextStartWhenItIsDue() throws Exception {
        try (AsyncInvoker invoker = invoker(() -> new InvokeResult(new byte[0], "Unhandled", ""))) {
            invoker.submit(SPEC, INPUT, AsyncLimits.DEFAULT);
            nextAttempt();
            assertEquals(Duration.ofMinutes(1), timer.poll(10, TimeUnit.SECONDS).delay());
        }
        assertEquals(1, store.queuedEvents(), "kept while its retry waits");
        clock.advance(Duration.ofSeconds(20));

        try (AsyncInvoker restarted = invoker(() -> new InvokeResult(new byte[0], null, ""))) {
            restarted.recover(true);
            Pending due = timer.poll(10, TimeUnit.SECONDS);
            assertEquals(Duration.ofSeconds(40), due.delay(), "the rest of its minute");
            clock.advance(due.delay());
            due.task().run();
            nextAttempt();
            awaitQueued(0);
        }
    }

    @Test
    void anEventOfAServerThatIsGoneIsTakenOverAndOneOfThisServerIsNot() throws Exception {
        store.queueEvent(new QueuedEvent(new VersionKey("fn", "$LATEST"), INPUT, AsyncLimits.DEFAULT, START, 0, 0),
                START, "gone");
        store.queueEvent(new QueuedEvent(new VersionKey("fn", "$LATEST"), new InvokeInput("request-2",
                SPEC.functionArn(), new byte[0], ""), AsyncLimits.DEFAULT, START, 0, 0), START, NODE);
        try (AsyncInvoker invoker = invoker(() -> new InvokeResult(new byte[0], null, ""))) {
            invoker.recover(false);
            Pending due = timer.poll(10, TimeUnit.SECONDS);
            due.task().run();
            nextAttempt();
            awaitQueued(1);
            assertNull(timer.poll(200, TimeUnit.MILLISECONDS), "this server's own event is not taken twice");
        }
    }

    private void awaitQueued(int count) throws Exception {
        ControlPlaneFixture.await(() -> store.queuedEvents() + " events queued, not " + count,
                () -> store.queuedEvents() == count);
    }

    private AsyncInvoker invoker(Outcome outcome) {
        return new AsyncInvoker(new ScriptedWorker(() -> {
            attempts.add(clock.instant());
            return outcome.get();
        }), AsyncRetries.LAMBDA, clock, (delay, task) -> timer.add(new Pending(delay, task)), 10, store,
                new MutationLock(MutationLock.ONE_SERVER), new Membership(store, NODE, clock),
                version -> Optional.of(SPEC));
    }

    /** Fires the next {@code count} retries as they are asked for, moving the clock by each delay. */
    private List<Duration> fireEach(int count) throws InterruptedException {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Pending pending = timer.poll(10, TimeUnit.SECONDS);
            assertNotNull(pending, "retry " + (i + 1) + " was not scheduled");
            delays.add(pending.delay());
            clock.advance(pending.delay());
            pending.task().run();
            nextAttempt();
        }
        return delays;
    }

    private Instant nextAttempt() throws InterruptedException {
        Instant attempt = attempts.poll(10, TimeUnit.SECONDS);
        assertNotNull(attempt, "no attempt was made");
        attempted.add(attempt);
        return attempt;
    }

    /** A worker whose invocations do what the test scripts; the queue needs nothing else of it. */
    private record ScriptedWorker(Outcome invocation) implements Worker {

        @Override
        public InvokeResult invoke(FunctionSpec spec, InvokeInput input) throws ThrottledException {
            return invocation.get();
        }

        @Override
        public SnapshotOutcome createSnapshot(FunctionSpec spec, Path snapshotDir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> snapshotsUnavailable() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String snapshotFingerprint(FunctionSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void onSnapshotRejected(SnapshotRejections listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setReservedConcurrency(String functionName, Integer reserved) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setConcurrencyShare(int part, int parts) {
            throw new UnsupportedOperationException();
        }

        @Override
        public WorkerFigures figures() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard(String functionName, String version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void prepareSnapshot(String functionName, String snapshotId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void retainSnapshots(Map<String, Set<String>> live) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FunctionLogs logs() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
