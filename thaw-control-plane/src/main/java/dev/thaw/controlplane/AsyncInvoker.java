package dev.thaw.controlplane;

import dev.thaw.controlplane.cluster.Membership;
import dev.thaw.worker.FunctionSpec;
import dev.thaw.worker.InvokeInput;
import dev.thaw.worker.InvokeResult;
import dev.thaw.worker.SnapStartRestoreException;
import dev.thaw.worker.ThrottleReason;
import dev.thaw.worker.ThrottledException;
import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs Event invocations in the background, as Lambda's async queue does: a failed attempt is retried as
 * {@link AsyncRetries} decides within the event's {@link AsyncLimits}, and an event that cannot be delivered is
 * logged and dropped. Every event is kept in the metadata database from the moment it is accepted until its attempts
 * end, held by this server; events a stopped server held are taken on again at its next start, and those of a server
 * sharing the database that is gone are taken over ({@link #recover}). Delivery is at least once, as Lambda's: an
 * attempt cut short by a crash runs again. At most {@code capacity} events wait at once. Time comes from the clock
 * and retries wait on the timer given, so the back-off can be followed without waiting for it.
 */
final class AsyncInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);

    /** Runs a task after a delay. */
    @FunctionalInterface
    interface RetryTimer {
        void after(Duration delay, Runnable task);
    }

    private final Worker worker;
    private final AsyncRetries retries;
    private final Clock clock;
    private final RetryTimer timer;
    private final int capacity;
    private final MetadataStore store;
    private final MutationLock lock;
    private final Membership membership;
    /** What a version is now, for events taken on from the database; empty when it is gone. */
    private final Function<VersionKey, Optional<FunctionSpec>> specs;
    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

    AsyncInvoker(Worker worker, AsyncRetries retries, Clock clock, RetryTimer timer, int capacity,
                 MetadataStore store, MutationLock lock, Membership membership,
                 Function<VersionKey, Optional<FunctionSpec>> specs) {
        this.worker = worker;
        this.retries = retries;
        this.clock = clock;
        this.timer = timer;
        this.capacity = capacity;
        this.store = store;
        this.lock = lock;
        this.membership = membership;
        this.specs = specs;
    }

    /** A timer on a scheduler thread of its own; {@code scheduler} is shut down with the invoker's owner. */
    static RetryTimer timer(ScheduledExecutorService scheduler) {
        return (delay, task) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Accepts the event: kept in the database before the caller is answered, then attempted. */
    void submit(FunctionSpec spec, InvokeInput input, AsyncLimits limits) {
        QueuedEvent event = new QueuedEvent(new VersionKey(spec.functionName(), spec.version()), input, limits,
                clock.instant(), 0, 0);
        lock.run(() -> {
            if (store.queuedEvents() >= capacity) {
                throw LambdaException.throttled(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED, "Rate Exceeded.",
                        1);
            }
            store.queueEvent(event, event.received(), membership.nodeId());
            return null;
        });
        runner.execute(() -> attempt(event, spec));
    }

    /**
     * Takes on the events this server may hold: at its start, its own from before as well; later, only those whose
     * server is gone.
     */
    void recover(boolean atStart) {
        String self = membership.nodeId();
        List<QueuedEvent.Due> taken = lock.run(() -> store.claimEvents(holder ->
                atStart && holder.equals(self) || !membership.alive(holder), self));
        Instant now = clock.instant();
        for (QueuedEvent.Due due : taken) {
            Duration wait = Duration.between(now, due.at());
            timer.after(wait.isNegative() ? Duration.ZERO : wait, () -> runner.execute(() -> attemptTaken(due.event())));
        }
        if (!taken.isEmpty()) {
            LOG.info("took on {} queued async invocations", taken.size());
        }
    }

    private void attemptTaken(QueuedEvent event) {
        Optional<FunctionSpec> spec;
        try {
            spec = specs.apply(event.version());
        } catch (LambdaException e) {
            // Not invocable right now (a snapshot still being made): an attempt that failed, retried as one.
            failed(event, Optional.empty(), AsyncRetries.Failure.FUNCTION_ERROR, e.type());
            return;
        }
        if (spec.isEmpty()) {
            store.deleteEvent(event.input().requestId());
            LOG.warn("dropped async invocation {} of {}:{}: the version is gone", event.input().requestId(),
                    event.version().functionName(), event.version().version());
            return;
        }
        attempt(event, spec.get());
    }

    private void attempt(QueuedEvent event, FunctionSpec spec) {
        try {
            InvokeResult result = worker.invoke(spec, event.input());
            if (result.functionError() == null) {
                store.deleteEvent(event.input().requestId());
            } else {
                failed(event, Optional.of(spec), AsyncRetries.Failure.FUNCTION_ERROR,
                        "function error " + result.functionError());
            }
        } catch (ThrottledException e) {
            failed(event, Optional.of(spec), AsyncRetries.Failure.THROTTLED,
                    "throttled (" + e.reason().lambdaName() + ")");
        } catch (SnapStartRestoreException e) {
            failed(event, Optional.of(spec), AsyncRetries.Failure.FUNCTION_ERROR, e.errorType());
        } catch (RuntimeException e) {
            LOG.warn("async invocation {} of {}:{} failed", event.input().requestId(), spec.functionName(),
                    spec.version(), e);
            failed(event, Optional.of(spec), AsyncRetries.Failure.FUNCTION_ERROR, e.getClass().getSimpleName());
        }
    }

    /** @param spec what the next attempt runs on; empty: what the version is then */
    private void failed(QueuedEvent event, Optional<FunctionSpec> spec, AsyncRetries.Failure failure, String what) {
        Instant now = clock.instant();
        switch (retries.next(failure, event.errors(), event.throttles(), event.received(), now, event.limits())) {
            case AsyncRetries.Retry retry -> {
                QueuedEvent next = event.failed(failure);
                store.rescheduleEvent(next, now.plus(retry.delay()));
                timer.after(retry.delay(), () -> runner.execute(() -> spec.ifPresentOrElse(
                        known -> attempt(next, known), () -> attemptTaken(next))));
            }
            case AsyncRetries.Drop drop -> {
                store.deleteEvent(event.input().requestId());
                LOG.warn("dropped async invocation {} of {}:{} after {}: {}", event.input().requestId(),
                        event.version().functionName(), event.version().version(), what, drop.reason());
            }
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
