package dev.thaw.faults.load;

import dev.thaw.faults.Outcome;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every invocation carries a fresh id that the example function echoes ({@code "Hello, <id>!"}); this counts what
 * came back for each, so that an invocation answered twice, never, or with another's result shows.
 */
final class Answers {

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong wrong = new AtomicLong();
    private final AtomicLong duplicate = new AtomicLong();

    String send() {
        sent.incrementAndGet();
        return UUID.randomUUID().toString();
    }

    static String payload(String id) {
        return "{\"name\":\"" + id + "\"}";
    }

    void answered(String id, String result) {
        if (!result.equals("\"Hello, " + id + "!\"")) {
            wrong.incrementAndGet();
        }
        settle(id, Outcome.OK);
    }

    void settle(String id, Outcome outcome) {
        if (outcomes.putIfAbsent(id, outcome) != null) {
            duplicate.incrementAndGet();
        }
    }

    long sent() {
        return sent.get();
    }

    long answered() {
        return outcomes.values().stream().filter(o -> o == Outcome.OK).count();
    }

    long unanswered() {
        return sent.get() - outcomes.size();
    }

    long wrong() {
        return wrong.get();
    }

    long duplicate() {
        return duplicate.get();
    }
}
