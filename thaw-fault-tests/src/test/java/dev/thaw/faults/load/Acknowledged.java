package dev.thaw.faults.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The values a client was told were applied to one setting of one function, each with when its request was sent and
 * answered. Requests of several clients overlap, so the setting's final value is any acknowledged one that no other
 * was sent after.
 */
final class Acknowledged<T> {

    private record Ack<T>(long sent, long answered, T value) {
    }

    private final LongSupplier clock;
    private final List<Ack<T>> acks = new ArrayList<>();

    Acknowledged(LongSupplier clock, T initial) {
        this.clock = clock;
        acks.add(new Ack<>(Long.MIN_VALUE, Long.MIN_VALUE, initial));
    }

    /** A time to pass to {@link #acknowledge} once the request is answered. */
    long sending() {
        return clock.getAsLong();
    }

    synchronized void acknowledge(long sent, T value) {
        acks.add(new Ack<>(sent, clock.getAsLong(), value));
    }

    /** The values the setting may hold now. */
    synchronized Set<T> possibleValues() {
        return acks.stream().filter(ack -> acks.stream().noneMatch(later -> later.sent() > ack.answered()))
                .map(Ack::value).collect(Collectors.toSet());
    }
}
