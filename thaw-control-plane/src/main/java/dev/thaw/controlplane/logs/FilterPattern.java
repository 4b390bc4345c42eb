package dev.thaw.controlplane.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * A filter pattern for unstructured log events, as CloudWatch Logs reads one: terms that must all appear
 * ({@code ERROR Exception}), terms of which one must appear ({@code ?ERROR ?WARN}), terms that must not
 * ({@code -DEBUG}); a term with spaces or symbols is quoted ({@code "Task timed out"}). Matching is
 * case-sensitive. JSON ({@code { $.level = ... }}) and space-delimited ({@code [ip, user, ...]}) patterns are
 * refused rather than misread.
 */
record FilterPattern(List<String> required, List<String> anyOf, List<String> excluded) {

    static final FilterPattern ALL = new FilterPattern(List.of(), List.of(), List.of());

    static FilterPattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return ALL;
        }
        String trimmed = pattern.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("%")) {
            throw LogsErrors.invalidParameter("Invalid filter pattern: only term patterns (words, \"quoted "
                    + "phrases\", ?optional and -excluded terms) are supported, not JSON, space-delimited or "
                    + "regular-expression patterns.");
        }
        List<String> required = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        while (i < trimmed.length()) {
            char c = trimmed.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<String> into = required;
            if (c == '?' || c == '-') {
                into = c == '?' ? anyOf : excluded;
                i++;
            }
            int end;
            String term;
            if (i < trimmed.length() && trimmed.charAt(i) == '"') {
                end = trimmed.indexOf('"', i + 1);
                if (end < 0) {
                    throw LogsErrors.invalidParameter("Invalid filter pattern: a quoted term is not closed.");
                }
                term = trimmed.substring(i + 1, end);
                end++;
            } else {
                end = i;
                while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
                    end++;
                }
                term = trimmed.substring(i, end);
            }
            if (!term.isEmpty()) {
                into.add(term);
            }
            i = end;
        }
        return new FilterPattern(List.copyOf(required), List.copyOf(anyOf), List.copyOf(excluded));
    }

    boolean matches(String message) {
        for (String term : required) {
            if (!message.contains(term)) {
                return false;
            }
        }
        for (String term : excluded) {
            if (message.contains(term)) {
                return false;
            }
        }
        return anyOf.isEmpty() || anyOf.stream().anyMatch(message::contains);
    }
}
