package dev.thaw.controlplane;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.thaw.controlplane.AsyncRetries.Failure.FUNCTION_ERROR;
import static dev.thaw.controlplane.AsyncRetries.Failure.THROTTLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Lambda's back-off rules for the async queue, decided for given times: no waiting. */
class AsyncRetriesTest {

    private static final AsyncRetries RULES = AsyncRetries.LAMBDA;
    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFunctionErrorIsRetriedTwiceAfterOneAndTwoMinutesThenDropped() {
        assertEquals(new AsyncRetries.Retry(Duration.ofMinutes(1)),
                RULES.next(FUNCTION_ERROR, 0, 0, RECEIVED, RECEIVED, AsyncLimits.DEFAULT));
        Instant second = RECEIVED.plus(Duration.ofMinutes(1));
        assertEquals(new AsyncRetries.Retry(Duration.ofMinutes(2)),
                RULES.next(FUNCTION_ERROR, 1, 0, RECEIVED, second, AsyncLimits.DEFAULT));
        assertInstanceOf(AsyncRetries.Drop.class,
                RULES.next(FUNCTION_ERROR, 2, 0, RECEIVED, second.plus(Duration.ofMinutes(2)), AsyncLimits.DEFAULT));
    }

    @Test
    void maximumRetryAttemptsBoundsTheErrorRetries() {
        AsyncLimits none = new AsyncLimits(0, EventInvokeConfig.MAX_EVENT_AGE);
        assertInstanceOf(AsyncRetries.Drop.class, RULES.next(FUNCTION_ERROR, 0, 0, RECEIVED, RECEIVED, none));
        AsyncLimits one = new AsyncLimits(1, EventInvokeConfig.MAX_EVENT_AGE);
        assertEquals(new AsyncRetries.Retry(Duration.ofMinutes(1)),
                RULES.next(FUNCTION_ERROR, 0, 0, RECEIVED, RECEIVED, one));
        assertInstanceOf(AsyncRetries.Drop.class, RULES.next(FUNCTION_ERROR, 1, 0, RECEIVED, RECEIVED, one));
    }

    @Test
    void throttlesBackOffFromOneSecondToFiveMinutesWithoutUsingTheRetries() {
        AsyncLimits noRetries = new AsyncLimits(0, EventInvokeConfig.MAX_EVENT_AGE);
        assertEquals(new AsyncRetries.Retry(Duration.ofSeconds(1)),
                RULES.next(THROTTLED, 0, 0, RECEIVED, RECEIVED, noRetries));
        assertEquals(new AsyncRetries.Retry(Duration.ofSeconds(8)),
                RULES.next(THROTTLED, 0, 3, RECEIVED, RECEIVED, noRetries));
        assertEquals(new AsyncRetries.Retry(Duration.ofMinutes(5)),
                RULES.next(THROTTLED, 0, 40, RECEIVED, RECEIVED, noRetries));
    }

    @Test
    void anEventWhoseNextAttemptWouldComeAfterItsMaximumAgeIsDropped() {
        AsyncLimits minute = new AsyncLimits(2, Duration.ofSeconds(60));
        assertEquals(new AsyncRetries.Retry(Duration.ofSeconds(32)),
                RULES.next(THROTTLED, 0, 5, RECEIVED, RECEIVED.plusSeconds(20), minute));
        assertInstanceOf(AsyncRetries.Drop.class,
                RULES.next(THROTTLED, 0, 5, RECEIVED, RECEIVED.plusSeconds(40), minute));
        // The first error retry waits a minute: with a one-minute age there is no room for it.
        assertInstanceOf(AsyncRetries.Drop.class,
                RULES.next(FUNCTION_ERROR, 0, 0, RECEIVED, RECEIVED.plusSeconds(1), minute));
        assertEquals(new AsyncRetries.Retry(Duration.ofMinutes(1)),
                RULES.next(FUNCTION_ERROR, 0, 0, RECEIVED, RECEIVED, minute));
    }
}
