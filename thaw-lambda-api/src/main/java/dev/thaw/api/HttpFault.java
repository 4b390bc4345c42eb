package dev.thaw.api;

import dev.thaw.controlplane.LambdaException;

import java.util.Arrays;
import java.util.Map;

/**
 * Requests refused for what they are as HTTP, before (or instead of) any route: each status with the Lambda error
 * type and fixed message it is answered with. The message never carries what the client sent or what the parser
 * said about it.
 */
enum HttpFault {

    BAD_REQUEST(400, "InvalidRequestContentException", "The request is not well-formed HTTP."),
    REQUEST_TIMEOUT(408, "RequestTimeoutException", "The request did not arrive in time."),
    TOO_LARGE(413, "RequestEntityTooLargeException", "The request is too large."),
    HEADERS_TOO_LARGE(431, "RequestHeaderFieldsTooLargeException", "The request's headers are too large or too "
            + "many."),
    SERVICE(500, "ServiceException", "The request could not be served.");

    private final int status;
    private final String type;
    private final String message;

    HttpFault(int status, String type, String message) {
        this.status = status;
        this.type = type;
        this.message = message;
    }

    /** The fault for a status an HTTP layer answered with; an unexpected one is a client or a server fault. */
    static HttpFault of(int status) {
        return Arrays.stream(values()).filter(fault -> fault.status == status).findFirst()
                .orElse(status >= 500 ? SERVICE : BAD_REQUEST);
    }

    LambdaException exception() {
        return new LambdaException(type, status, message, Map.of(), Map.of());
    }
}
