package dev.thaw.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which answers of an owner send an invocation back to the server it arrived at. */
class RoutedInvocationsTest {

    private static byte[] throttle(String reason) {
        return ("{\"Type\":\"User\",\"message\":\"Rate Exceeded.\",\"Reason\":\"" + reason + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFullOwnerSpillsButAFunctionsReservedConcurrencyHolds() {
        assertTrue(RoutedInvocations.full(429, throttle("ConcurrentInvocationLimitExceeded")));
        assertFalse(RoutedInvocations.full(429, throttle("ReservedFunctionConcurrentInvocationLimitExceeded")),
                "the function's own limit holds across the servers");
        assertFalse(RoutedInvocations.full(200, throttle("ConcurrentInvocationLimitExceeded")));
        assertFalse(RoutedInvocations.full(429, "not json".getBytes(StandardCharsets.UTF_8)));
    }
}
