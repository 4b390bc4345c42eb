package dev.thaw.api;

import java.util.Arrays;

/**
 * What a function URL answers when it does not answer with the function's response: each with the fixed message
 * Lambda's URLs give, which never carries what went wrong.
 */
enum UrlFault {

    BAD_REQUEST(400, "Bad Request"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    REQUEST_TIMEOUT(408, "Request Timeout"),
    TOO_LARGE(413, "Request Entity Too Large"),
    THROTTLED(429, "Too Many Requests"),
    HEADERS_TOO_LARGE(431, "Request Header Fields Too Large"),
    /** The function failed, answered what is not a response, or could not be run. */
    FUNCTION_FAILED(502, "Internal Server Error");

    private final int status;
    private final String message;

    UrlFault(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The fault for the status of a Lambda error; what the client did not cause is the function's failure. */
    static UrlFault of(int status) {
        return Arrays.stream(values()).filter(fault -> fault.status == status).findFirst().orElse(FUNCTION_FAILED);
    }

    UrlResponse response() {
        return UrlResponse.message(status, message);
    }
}
