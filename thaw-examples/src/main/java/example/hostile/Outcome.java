package example.hostile;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one attempt found: whether the hostile action succeeded ({@code escaped}), what happened in words, and the
 * facts behind the verdict.
 */
public final class Outcome {

    private final boolean escaped;
    private final String detail;
    private final Map<String, Object> facts = new TreeMap<>();

    private Outcome(boolean escaped, String detail) {
        this.escaped = escaped;
        this.detail = detail;
    }

    static Outcome of(boolean escaped, String detail) {
        return new Outcome(escaped, detail);
    }

    /** The hostile action succeeded. */
    static Outcome escaped(String detail) {
        return new Outcome(true, detail);
    }

    /** The hostile action was refused. */
    static Outcome contained(String detail) {
        return new Outcome(false, detail);
    }

    Outcome with(String fact, Object value) {
        facts.put(fact, value);
        return this;
    }

    /** The function's answer: {@code attempt}, {@code escaped}, {@code detail} and the facts. */
    public Map<String, Object> answer(String attempt) {
        Map<String, Object> answer = new TreeMap<>(facts);
        answer.put("attempt", attempt);
        answer.put("escaped", escaped);
        answer.put("detail", detail);
        return answer;
    }
}
