package example.hostile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The event of one attempt: its name and its parameters (a path, a host and port, a count). */
public final class Input {

    private final Map<String, Object> event;

    public Input(Map<String, Object> event) {
        this.event = event == null ? Map.of() : event;
    }

    public String text(String key) {
        Object value = event.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the event needs \"" + key + "\"");
        }
        return value.toString();
    }

    String text(String key, String fallback) {
        Object value = event.get(key);
        return value == null ? fallback : value.toString();
    }

    Path path() {
        return Path.of(text("path"));
    }

    long number(String key, long fallback) {
        Object value = event.get(key);
        if (value == null) {
            return fallback;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    int count(String key, int fallback) {
        return Math.toIntExact(number(key, fallback));
    }

    /** A command line: a JSON list of words, or one string split at white space. */
    List<String> words(String key) {
        Object value = event.get(key);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return Arrays.asList(text(key).trim().split("\\s+"));
    }
}
