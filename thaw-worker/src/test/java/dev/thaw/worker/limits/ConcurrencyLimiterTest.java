package dev.thaw.worker.limits;

import dev.thaw.worker.ThrottleReason;
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
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, e.reason());
        assertDoesNotThrow(() -> limiter.acquire("other"), "one unreserved slot is left");
    }

    @Test
    void unreservedFunctionsShareTheRemainder() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(3);
        limiter.setReserved("r", 1);
        ConcurrencyLimiter.Permit a = limiter.acquire("a");
        limiter.acquire("b");

        ThrottledException e = assertThrows(ThrottledException.class, () -> limiter.acquire("a"));
        assertEquals(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED, e.reason());
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

    @Test
    void serversSharingTheAccountSplitItsUnreservedConcurrencyIntoPartsThatAddUpToTheWhole() throws Exception {
        int total = 0;
        for (int part = 0; part < 3; part++) {
            ConcurrencyLimiter limiter = new ConcurrencyLimiter(10);
            limiter.setReserved("r", 2);
            limiter.setShare(part, 3);
            int granted = 0;
            try {
                while (granted < 10) {
                    limiter.acquire("f" + granted);
                    granted++;
                }
            } catch (ThrottledException e) {
                assertEquals(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED, e.reason());
            }
            assertEquals(part < 2 ? 3 : 2, granted, "8 unreserved slots in three parts: 3, 3, 2");
            assertDoesNotThrow(() -> limiter.acquire("r"), "a reservation is held whole, not split");
            total += granted;
        }
        assertEquals(8, total);

        ConcurrencyLimiter alone = new ConcurrencyLimiter(2);
        alone.setShare(2, 3);
        assertThrows(ThrottledException.class, () -> alone.acquire("f"), "2 slots in three parts: 1, 1, 0");
        alone.setShare(0, 1);
        assertDoesNotThrow(() -> alone.acquire("f"));
        assertDoesNotThrow(() -> alone.acquire("g"), "alone again: the whole");
        assertThrows(IllegalArgumentException.class, () -> alone.setShare(2, 2));
    }
}
