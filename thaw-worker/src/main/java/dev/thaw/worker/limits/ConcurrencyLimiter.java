package dev.thaw.worker.limits;

import dev.thaw.worker.ThrottledException;

import java.util.HashMap;
import java.util.Map;

/**
 * Lambda's concurrency model: a function with reserved concurrency R runs at most R invocations at once; the other
 * functions share what the reservations leave of the global limit.
 */
public final class ConcurrencyLimiter {

    /** A granted slot; release it exactly once. It remembers its pool, as the reservation may change meanwhile. */
    public record Permit(String functionName, boolean reserved) {
    }

    private final int limit;
    private final Map<String, Integer> reservations = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private int reservedTotal;
    private int unreservedInFlight;

    public ConcurrencyLimiter(int limit) {
        this.limit = limit;
    }

    /** Sets, or with null removes, a function's reservation. */
    public synchronized void setReserved(String functionName, Integer reserved) {
        if (reserved != null && reserved < 0) {
            throw new IllegalArgumentException("reserved concurrency must not be negative");
        }
        Integer previous = reserved == null ? reservations.remove(functionName)
                : reservations.put(functionName, reserved);
        reservedTotal += (reserved == null ? 0 : reserved) - (previous == null ? 0 : previous);
    }

    public synchronized Permit acquire(String functionName) throws ThrottledException {
        int running = inFlight.getOrDefault(functionName, 0);
        Integer reserved = reservations.get(functionName);
        if (reserved != null) {
            if (running >= reserved) {
                throw new ThrottledException("ReservedFunctionConcurrentInvocationLimitExceeded", "Rate Exceeded.");
            }
        } else {
            if (unreservedInFlight >= limit - reservedTotal) {
                throw new ThrottledException("ConcurrentInvocationLimitExceeded", "Rate Exceeded.");
            }
            unreservedInFlight++;
        }
        inFlight.put(functionName, running + 1);
        return new Permit(functionName, reserved != null);
    }

    public synchronized void release(Permit permit) {
        if (!permit.reserved()) {
            unreservedInFlight--;
        }
        inFlight.merge(permit.functionName(), -1, (a, b) -> a + b == 0 ? null : a + b);
    }
}
