package dev.thaw.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A function URL's answer before it is written. Unlike the API's, a header may come more than once (a function sets
 * several cookies).
 */
record UrlResponse(int status, List<Header> headers, byte[] body) {

    record Header(String name, String value) {
    }

    UrlResponse {
        headers = List.copyOf(headers);
    }

    /** An answer the server gives itself, in the shape Lambda's URLs give it: {@code {"Message": ...}}. */
    static UrlResponse message(int status, String message) {
        return new UrlResponse(status, List.of(new Header("Content-Type", "application/json")),
                ("{\"Message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** With one more header; a null value adds none. */
    UrlResponse withHeader(String name, String value) {
        if (value == null) {
            return this;
        }
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new UrlResponse(status, more, body);
    }
}
