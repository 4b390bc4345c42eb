package dev.thaw.controlplane;

import dev.thaw.worker.FunctionSpec;
import dev.thaw.worker.InvokeInput;
import dev.thaw.worker.InvokeResult;
import dev.thaw.worker.SnapStartRestoreException;
import dev.thaw.worker.ThrottledException;
import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs Event invocations in the background, as Lambda's async queue does: a throttled event is retried with
 * exponential backoff until it is too old, a failed one is retried {@link RetryPolicy#errorRetries()} times, and an
 * event that cannot be delivered is logged and dropped. At most {@code capacity} events wait at once.
 */
final class AsyncInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);

    /**
     * @param errorRetries     retries after the function fails (Lambda: 2)
     * @param firstErrorDelay  the wait before the first error retry, doubled for each further one
     * @param firstThrottleDelay the first backoff after a throttle, doubled up to maxThrottleDelay
     * @param maxEventAge      an event is dropped rather than retried after this long (Lambda: 6 hours)
     */
    record RetryPolicy(int errorRetries, Duration firstErrorDelay, Duration firstThrottleDelay,
                       Duration maxThrottleDelay, Duration maxEventAge) {

        static RetryPolicy defaults() {
            return new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5),
                    Duration.ofHours(6));
        }

        Duration errorDelay(int retry) {
            return firstErrorDelay.multipliedBy(1L << retry);
        }

        Duration throttleDelay(int throttles) {
            Duration delay = firstThrottleDelay.multipliedBy(1L << Math.min(throttles, 20));
            return delay.compareTo(maxThrottleDelay) > 0 ? maxThrottleDelay : delay;
        }
    }

    private record Event(FunctionSpec spec, InvokeInput input, Instant received, int errors, int throttles) {
    }

    private final Worker worker;
    private final RetryPolicy policy;
    private final Semaphore capacity;
    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("thaw-async-retry").factory());

    AsyncInvoker(Worker worker, RetryPolicy policy, int capacity) {
        this.worker = worker;
        this.policy = policy;
        this.capacity = new Semaphore(capacity);
    }

    void submit(FunctionSpec spec, InvokeInput input) {
        if (!capacity.tryAcquire()) {
            throw LambdaException.throttled("ConcurrentInvocationLimitExceeded", "Rate Exceeded.", 1);
        }
        runner.execute(() -> attempt(new Event(spec, input, Instant.now(), 0, 0)));
    }

    private void attempt(Event event) {
        try {
            InvokeResult result = worker.invoke(event.spec(), event.input());
            if (result.functionError() == null) {
                capacity.release();
            } else {
                retryAfterError(event, "function error " + result.functionError());
            }
        } catch (ThrottledException e) {
            retryAfterThrottle(event, e.reason());
        } catch (SnapStartRestoreException e) {
            retryAfterError(event, e.errorType() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            retryAfterError(event, e.toString());
        }
    }

    private void retryAfterError(Event event, String failure) {
        if (event.errors() >= policy.errorRetries()) {
            drop(event, failure + " after " + (event.errors() + 1) + " attempts");
            return;
        }
        schedule(new Event(event.spec(), event.input(), event.received(), event.errors() + 1, event.throttles()),
                policy.errorDelay(event.errors()));
    }

    private void retryAfterThrottle(Event event, String reason) {
        Duration delay = policy.throttleDelay(event.throttles());
        if (Instant.now().plus(delay).isAfter(event.received().plus(policy.maxEventAge()))) {
            drop(event, "throttled (" + reason + ") until the maximum event age");
            return;
        }
        schedule(new Event(event.spec(), event.input(), event.received(), event.errors(), event.throttles() + 1),
                delay);
    }

    private void schedule(Event event, Duration delay) {
        timer.schedule(() -> runner.execute(() -> attempt(event)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void drop(Event event, String why) {
        capacity.release();
        LOG.warn("dropped async invocation {} of {}:{}: {}", event.input().requestId(), event.spec().functionName(),
                event.spec().version(), why);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        runner.shutdownNow();
    }
}
