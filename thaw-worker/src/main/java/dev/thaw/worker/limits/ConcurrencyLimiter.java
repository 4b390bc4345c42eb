package dev.thaw.worker.limits;

import dev.thaw.worker.ThrottleReason;
import dev.thaw.worker.ThrottledException;

import java.util.HashMap;
import java.util.Map;

/**
 * Lambda's concurrency model: a function with reserved concurrency R runs at most R invocations at once; the other
 * functions share what the reservations leave of the account's limit. Among servers sharing a database that
 * remainder is split between them ({@link #setShare}); a function's reservation is held whole by the server its
 * invocations are routed to.
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
    private int part;
    private int parts = 1;

    /** @param limit the account's concurrency limit */
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

    /**
     * Makes this limiter part {@code part} (from 0) of {@code parts} equal parts of the unreserved concurrency, the
     * first parts one larger when it does not divide: the parts of every server add up to the whole.
     */
    public synchronized void setShare(int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        this.part = part;
        this.parts = parts;
    }

    public synchronized Permit acquire(String functionName) throws ThrottledException {
        int running = inFlight.getOrDefault(functionName, 0);
        Integer reserved = reservations.get(functionName);
        if (reserved != null) {
            if (running >= reserved) {
                throw new ThrottledException(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED,
                        "Rate Exceeded.");
            }
        } else {
            if (unreservedInFlight >= unreservedShare()) {
                throw new ThrottledException(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED, "Rate Exceeded.");
            }
            unreservedInFlight++;
        }
        inFlight.put(functionName, running + 1);
        return new Permit(functionName, reserved != null);
    }

    private int unreservedShare() {
        int unreserved = Math.max(0, limit - reservedTotal);
        return unreserved / parts + (part < unreserved % parts ? 1 : 0);
    }

    public synchronized void release(Permit permit) {
        if (!permit.reserved()) {
            unreservedInFlight--;
        }
        inFlight.merge(permit.functionName(), -1, (a, b) -> a + b == 0 ? null : a + b);
    }
}
