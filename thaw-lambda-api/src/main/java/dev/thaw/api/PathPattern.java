package dev.thaw.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A route's path as the service model writes it, e.g. {@code /2015-03-31/functions/{FunctionName}/aliases/{Name}}. */
record PathPattern(String template, List<String> segments) {

    static PathPattern of(String template) {
        return new PathPattern(template, split(template));
    }

    /** The path parameters when the (already decoded) segments fit this pattern. */
    Optional<Map<String, String>> match(List<String> path) {
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (path.get(i).isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
            } else if (!segment.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /**
     * The segments of a raw path, each percent-decoded after splitting (so an encoded slash stays inside its
     * segment). Trailing slashes are dropped: the CLI lists functions at {@code /functions/}, the SDK at
     * {@code /functions}.
     */
    static List<String> split(String rawPath) {
        String trimmed = rawPath.replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(trimmed.substring(1).split("/", -1)).map(PercentDecoding::decode).toList();
    }
}
