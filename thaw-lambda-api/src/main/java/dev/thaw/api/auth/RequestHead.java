package dev.thaw.api.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request before its body: the method, the path and query exactly as sent (still percent-encoded), and the
 * headers by case-insensitive name.
 */
public record RequestHead(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {

    public RequestHead {
        rawQuery = rawQuery == null ? "" : rawQuery;
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.computeIfAbsent(name, key -> new ArrayList<>())
                .addAll(values));
        headers = Collections.unmodifiableMap(byName);
    }

    public Optional<String> header(String name) {
        return headerValues(name).stream().findFirst();
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }
}
