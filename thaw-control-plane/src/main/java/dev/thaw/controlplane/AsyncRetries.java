package dev.thaw.controlplane;

import java.time.Duration;
import java.time.Instant;

/**
 * Lambda's back-off for the async queue. A function error is retried after one minute, then after two more (each
 * further retry waits twice as long), up to the event's retry limit; a throttle (or an environment that could not be
 * made ready) is retried from one second, doubling to five minutes. Either way an event that would be run after its
 * maximum age is dropped instead.
 *
 * @param firstErrorDelay    the wait before the first retry after an error
 * @param firstThrottleDelay the first wait after a throttle
 * @param maxThrottleDelay   the longest wait after a throttle
 */
record AsyncRetries(Duration firstErrorDelay, Duration firstThrottleDelay, Duration maxThrottleDelay) {

    static final AsyncRetries LAMBDA = new AsyncRetries(Duration.ofMinutes(1), Duration.ofSeconds(1),
            Duration.ofMinutes(5));

    /** Why an attempt did not complete the event. */
    enum Failure {
        /** The function ran and failed: counts against the retry limit. */
        FUNCTION_ERROR,
        /** The function could not run now: retried until the maximum age. */
        THROTTLED
    }

    /** What to do with an event after a failed attempt. */
    sealed interface Decision {
    }

    record Retry(Duration delay) implements Decision {
    }

    record Drop(String reason) implements Decision {
    }

    /**
     * @param errors    function errors before this failure
     * @param throttles throttles before this failure
     */
    Decision next(Failure failure, int errors, int throttles, Instant received, Instant now, AsyncLimits limits) {
        Duration delay;
        if (failure == Failure.FUNCTION_ERROR) {
            if (errors >= limits.errorRetries()) {
                return new Drop("failed " + (errors + 1) + " times, " + limits.errorRetries() + " retries allowed");
            }
            delay = firstErrorDelay.multipliedBy(1L << errors);
        } else {
            Duration doubled = firstThrottleDelay.multipliedBy(1L << Math.min(throttles, 20));
            delay = doubled.compareTo(maxThrottleDelay) > 0 ? maxThrottleDelay : doubled;
        }
        if (now.plus(delay).isAfter(received.plus(limits.maximumEventAge()))) {
            return new Drop("its next attempt would come after its maximum age of "
                    + limits.maximumEventAge().toSeconds() + " s");
        }
        return new Retry(delay);
    }
}
