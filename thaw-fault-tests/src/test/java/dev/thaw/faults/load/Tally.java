package dev.thaw.faults.load;

import dev.thaw.faults.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** Requests counted by operation and outcome (the unexpected ones kept with their message), and how invocations started. */
final class Tally {

    private static final int KEPT_FAILURES = 20;

    private record Kind(Operation operation, Outcome outcome) {
        @Override
        public String toString() {
            return operation + " " + outcome;
        }
    }

    private final Map<Kind, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Start, LongAdder> starts = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    void count(Operation operation, Outcome outcome) {
        requests.computeIfAbsent(new Kind(operation, outcome), key -> new LongAdder()).increment();
    }

    void unexpected(Operation operation, Throwable failure) {
        count(operation, Outcome.UNEXPECTED);
        if (unexpected.size() < KEPT_FAILURES) {
            unexpected.add(operation + ": " + failure);
        }
    }

    void started(Start start) {
        starts.computeIfAbsent(start, key -> new LongAdder()).increment();
    }

    long total(Outcome outcome) {
        return requests.entrySet().stream().filter(e -> e.getKey().outcome() == outcome)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    long requests() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long starts(Start start) {
        LongAdder count = starts.get(start);
        return count == null ? 0 : count.sum();
    }

    Map<String, Long> byKind() {
        Map<String, Long> sorted = new TreeMap<>();
        requests.forEach((kind, count) -> sorted.put(kind.toString(), count.sum()));
        return sorted;
    }

    List<String> unexpectedFailures() {
        return List.copyOf(unexpected);
    }
}
