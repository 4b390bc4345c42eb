package dev.thaw.api;

import dev.thaw.api.auth.RequestHead;

/**
 * CORS for the origins the operator allows: their pages' preflights are answered (they carry no credentials and run
 * nothing), and every answer to them says the page may read it. Other origins never get this far.
 */
final class Cors {

    private static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE";
    /** What a page's script may read of an answer: the Lambda API's own headers. */
    private static final String EXPOSED_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, X-Amz-Function-Error, "
            + "X-Amz-Log-Result, X-Amz-Executed-Version";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private Cors() {
    }

    static boolean isPreflight(RequestHead head) {
        return head.method().equals("OPTIONS") && head.header("Access-Control-Request-Method").isPresent();
    }

    static ApiResponse preflight(RequestHead head) {
        return ApiResponse.empty(204)
                .withHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .withHeader("Access-Control-Allow-Headers", head.header("Access-Control-Request-Headers")
                        .orElse(null))
                .withHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
    }

    /** The answer, readable by pages of {@code origin}. */
    static ApiResponse allow(ApiResponse response, String origin) {
        return response.withHeader("Access-Control-Allow-Origin", origin)
                .withHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS)
                .withHeader("Vary", "Origin");
    }
}
