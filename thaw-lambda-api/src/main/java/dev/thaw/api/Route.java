package dev.thaw.api;

/**
 * One operation: method and path as in the service model, the operation name (for size-limit messages), the largest
 * body it reads and its handler.
 */
record Route(String method, PathPattern path, String operation, long maxBody, Handler handler) {

    /** Lambda's limit for a JSON request body: a 50 MB zip, base64-encoded. */
    static final long MAX_JSON_BODY = 69_905_067L;

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    static Route of(String method, String path, String operation, Handler handler) {
        return new Route(method, PathPattern.of(path), operation, MAX_JSON_BODY, handler);
    }

    Route withMaxBody(long bytes) {
        return new Route(method, path, operation, bytes, handler);
    }
}
