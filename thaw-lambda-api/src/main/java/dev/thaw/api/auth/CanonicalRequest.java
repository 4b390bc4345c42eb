package dev.thaw.api.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The canonical request SigV4 signs, built from the request as this server received it: method, canonical URI,
 * canonical query, the signed headers' canonical lines, their names, and the payload's hash.
 */
final class CanonicalRequest {

    private static final Comparator<Map.Entry<String, String>> BY_NAME_THEN_VALUE =
            Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue());

    private CanonicalRequest() {
    }

    /** @param excludedParameter a query parameter left out (the presigned form's own signature), or null */
    static String of(RequestHead head, List<String> signedHeaders, String payloadHash, String excludedParameter) {
        return head.method() + "\n" + canonicalUri(head.rawPath()) + "\n"
                + canonicalQuery(head.rawQuery(), excludedParameter) + "\n"
                + canonicalHeaders(head, signedHeaders) + "\n"
                + String.join(";", signedHeaders) + "\n"
                + payloadHash;
    }

    /**
     * The path as sent, normalised and percent-encoded once more. Clients of services other than S3 sign it this
     * way, so a qualified name sent as {@code my-function%3A1} is signed as {@code my-function%253A1}.
     */
    static String canonicalUri(String rawPath) {
        return UriEncoding.encode(UriEncoding.normalizePath(rawPath), true);
    }

    /** Each name and value decoded and encoded the SigV4 way, sorted by name, then value. */
    static String canonicalQuery(String rawQuery, String excludedParameter) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = UriEncoding.decode(equals < 0 ? pair : pair.substring(0, equals));
            if (!name.equals(excludedParameter)) {
                String value = equals < 0 ? "" : UriEncoding.decode(pair.substring(equals + 1));
                pairs.add(Map.entry(UriEncoding.encode(name, false), UriEncoding.encode(value, false)));
            }
        }
        return pairs.stream().sorted(BY_NAME_THEN_VALUE).map(pair -> pair.getKey() + "=" + pair.getValue())
                .collect(Collectors.joining("&"));
    }

    /** A {@code name:value} line per signed header: values trimmed, inner runs of spaces made one, joined by commas. */
    static String canonicalHeaders(RequestHead head, List<String> signedHeaders) {
        StringBuilder lines = new StringBuilder();
        for (String name : signedHeaders) {
            lines.append(name).append(':').append(head.headerValues(name).stream()
                    .map(value -> value.strip().replaceAll("\\s+", " "))
                    .collect(Collectors.joining(","))).append('\n');
        }
        return lines.toString();
    }
}
