package dev.thaw.worker.limits;

import dev.thaw.worker.ThrottledException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConcurrencyLimiterTest {

    @Test
    void reservedFunctionsAreBoundByTheirReservationOnly() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(3);
        limiter.setReserved("r", 2);
        limiter.acquire("r");
        limiter.acquire("r");

        ThrottledException e = assertThrows(ThrottledException.class, () -> limiter.acquire("r"));
        assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", e.reason());
        assertDoesNotThrow(() -> limiter.acquire("other"), "one unreserved slot is left");
    }

    @Test
    void unreservedFunctionsShareTheRemainder() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(3);
        limiter.setReserved("r", 1);
        ConcurrencyLimiter.Permit a = limiter.acquire("a");
        limiter.acquire("b");

        ThrottledException e = assertThrows(ThrottledException.class, () -> limiter.acquire("a"));
        assertEquals("ConcurrentInvocationLimitExceeded", e.reason());
        assertEquals("Rate Exceeded.", e.getMessage());
        assertDoesNotThrow(() -> limiter.acquire("r"));

        limiter.release(a);
        assertDoesNotThrow(() -> limiter.acquire("c"));
    }

    @Test
    void zeroReservationThrottlesAndRemovingItRestoresTheSharedPool() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(1);
        limiter.setReserved("f", 0);
        assertThrows(ThrottledException.class, () -> limiter.acquire("f"));

        limiter.setReserved("f", null);
        assertDoesNotThrow(() -> limiter.acquire("f"));
    }

    @Test
    void aPermitReturnsToThePoolItCameFromEvenIfTheReservationChanged() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
        ConcurrencyLimiter.Permit shared = limiter.acquire("f");
        limiter.setReserved("f", 1);
        limiter.release(shared);

        limiter.acquire("f");
        assertDoesNotThrow(() -> limiter.acquire("g"), "the shared slot was given back");
        assertThrows(ThrottledException.class, () -> limiter.acquire("h"));
    }
}
