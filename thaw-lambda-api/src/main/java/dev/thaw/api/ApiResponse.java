package dev.thaw.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response before it is written: status, headers beyond the common ones, and the body. */
record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), Json.write(body));
    }

    static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), new byte[0]);
    }

    ApiResponse withStatus(int status) {
        return new ApiResponse(status, headers, body);
    }

    ApiResponse withHeader(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }
}
