package dev.thaw.controlplane;

import dev.thaw.worker.FunctionSpec;
import dev.thaw.worker.InvokeInput;
import dev.thaw.worker.InvokeResult;
import dev.thaw.worker.SnapStartRestoreException;
import dev.thaw.worker.ThrottledException;
import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs Event invocations in the background, as Lambda's async queue does: a failed attempt is retried as
 * {@link AsyncRetries} decides within the event's {@link AsyncLimits}, and an event that cannot be delivered is
 * logged and dropped. At most {@code capacity} events wait at once. Time comes from the clock and retries wait on the
 * timer given, so the back-off can be followed without waiting for it.
 */
final class AsyncInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);

    /** Runs a task after a delay. */
    @FunctionalInterface
    interface RetryTimer {
        void after(Duration delay, Runnable task);
    }

    private record Event(FunctionSpec spec, InvokeInput input, AsyncLimits limits, Instant received, int errors,
                         int throttles) {

        Event failed(AsyncRetries.Failure failure) {
            return failure == AsyncRetries.Failure.FUNCTION_ERROR
                    ? new Event(spec, input, limits, received, errors + 1, throttles)
                    : new Event(spec, input, limits, received, errors, throttles + 1);
        }
    }

    private final Worker worker;
    private final AsyncRetries retries;
    private final Clock clock;
    private final RetryTimer timer;
    private final Semaphore capacity;
    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

    AsyncInvoker(Worker worker, AsyncRetries retries, Clock clock, RetryTimer timer, int capacity) {
        this.worker = worker;
        this.retries = retries;
        this.clock = clock;
        this.timer = timer;
        this.capacity = new Semaphore(capacity);
    }

    /** A timer on a scheduler thread of its own; {@code scheduler} is shut down with the invoker's owner. */
    static RetryTimer timer(ScheduledExecutorService scheduler) {
        return (delay, task) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void submit(FunctionSpec spec, InvokeInput input, AsyncLimits limits) {
        if (!capacity.tryAcquire()) {
            throw LambdaException.throttled("ConcurrentInvocationLimitExceeded", "Rate Exceeded.", 1);
        }
        runner.execute(() -> attempt(new Event(spec, input, limits, clock.instant(), 0, 0)));
    }

    private void attempt(Event event) {
        try {
            InvokeResult result = worker.invoke(event.spec(), event.input());
            if (result.functionError() == null) {
                capacity.release();
            } else {
                failed(event, AsyncRetries.Failure.FUNCTION_ERROR, "function error " + result.functionError());
            }
        } catch (ThrottledException e) {
            failed(event, AsyncRetries.Failure.THROTTLED, "throttled (" + e.reason() + ")");
        } catch (SnapStartRestoreException e) {
            failed(event, AsyncRetries.Failure.FUNCTION_ERROR, e.errorType());
        } catch (RuntimeException e) {
            LOG.warn("async invocation {} of {}:{} failed", event.input().requestId(), event.spec().functionName(),
                    event.spec().version(), e);
            failed(event, AsyncRetries.Failure.FUNCTION_ERROR, e.getClass().getSimpleName());
        }
    }

    private void failed(Event event, AsyncRetries.Failure failure, String what) {
        switch (retries.next(failure, event.errors(), event.throttles(), event.received(), clock.instant(),
                event.limits())) {
            case AsyncRetries.Retry retry -> {
                Event next = event.failed(failure);
                timer.after(retry.delay(), () -> runner.execute(() -> attempt(next)));
            }
            case AsyncRetries.Drop drop -> {
                capacity.release();
                LOG.warn("dropped async invocation {} of {}:{} after {}: {}", event.input().requestId(),
                        event.spec().functionName(), event.spec().version(), what, drop.reason());
            }
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
