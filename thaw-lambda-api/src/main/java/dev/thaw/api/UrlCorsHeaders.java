package dev.thaw.api;

import dev.thaw.api.auth.RequestHead;
import dev.thaw.controlplane.UrlCors;

import java.util.List;
import java.util.Optional;

/**
 * CORS as a function URL's Cors settings say: the server answers preflights itself, and adds to every answer for an
 * allowed origin what lets its pages read it (replacing what the function said about CORS). An origin the settings
 * do not allow gets no CORS headers at all, so its pages cannot read the answer.
 */
final class UrlCorsHeaders {

    private UrlCorsHeaders() {
    }

    static boolean isPreflight(RequestHead head) {
        return Cors.isPreflight(head) && head.header("Origin").isPresent();
    }

    static UrlResponse preflight(UrlCors cors, RequestHead head) {
        UrlResponse answer = new UrlResponse(200, List.of(), new byte[0]).withHeader("Vary", "Origin");
        Optional<String> origin = head.header("Origin").filter(cors::allowsOrigin);
        if (origin.isEmpty()) {
            return answer;
        }
        return allowOrigin(answer, cors, origin.get())
                .withHeader("Access-Control-Allow-Methods", joined(cors.allowMethods()))
                .withHeader("Access-Control-Allow-Headers", joined(cors.allowHeaders()))
                .withHeader("Access-Control-Max-Age", cors.maxAge() == null ? null : cors.maxAge().toString());
    }

    /** The function's answer, with its own CORS headers replaced by the settings' for an allowed origin. */
    static UrlResponse actual(UrlCors cors, RequestHead head, UrlResponse response) {
        UrlResponse answer = new UrlResponse(response.status(), response.headers().stream()
                .filter(header -> !header.name().regionMatches(true, 0, "Access-Control-", 0, 15)).toList(),
                response.body()).withHeader("Vary", "Origin");
        Optional<String> origin = head.header("Origin").filter(cors::allowsOrigin);
        if (origin.isEmpty()) {
            return answer;
        }
        return allowOrigin(answer, cors, origin.get())
                .withHeader("Access-Control-Expose-Headers", joined(cors.exposeHeaders()));
    }

    /** The origin itself, not {@code *}: a browser sends no credentials to a wildcard. */
    private static UrlResponse allowOrigin(UrlResponse answer, UrlCors cors, String origin) {
        return answer.withHeader("Access-Control-Allow-Origin", origin)
                .withHeader("Access-Control-Allow-Credentials", cors.allowCredentials() ? "true" : null);
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }
}
