package dev.thaw.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A function's answer as a function URL sends it, as Lambda documents: an object with a {@code statusCode} is a
 * response (headers, multiValueHeaders, cookies as Set-Cookie, a body base64-decoded when isBase64Encoded); any
 * other JSON is the body of a 200 application/json answer.
 */
final class UrlResult {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The function answered something that is not a response, as JSON or as a statusCode out of range. */
    static final class MalformedResult extends Exception {
        MalformedResult(String message) {
            super(message);
        }
    }

    private UrlResult() {
    }

    static UrlResponse of(byte[] payload) throws MalformedResult {
        JsonNode result;
        try {
            result = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new MalformedResult("the function's answer is not JSON");
        }
        if (result == null || !result.isObject() || !result.has("statusCode")) {
            return new UrlResponse(200, List.of(new UrlResponse.Header("Content-Type", "application/json")),
                    payload);
        }
        return structured(result);
    }

    private static UrlResponse structured(JsonNode result) throws MalformedResult {
        JsonNode status = result.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            throw new MalformedResult("statusCode is not an HTTP status");
        }
        List<UrlResponse.Header> headers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> header : result.path("headers").properties()) {
            headers.add(new UrlResponse.Header(header.getKey(), header.getValue().asText()));
        }
        for (Map.Entry<String, JsonNode> header : result.path("multiValueHeaders").properties()) {
            for (JsonNode value : header.getValue()) {
                headers.add(new UrlResponse.Header(header.getKey(), value.asText()));
            }
        }
        for (JsonNode cookie : result.path("cookies")) {
            headers.add(new UrlResponse.Header("Set-Cookie", cookie.asText()));
        }
        return new UrlResponse(status.asInt(), headers, body(result));
    }

    private static byte[] body(JsonNode result) throws MalformedResult {
        JsonNode body = result.path("body");
        if (body.isMissingNode() || body.isNull()) {
            return new byte[0];
        }
        String text = body.isTextual() ? body.asText() : body.toString();
        if (!result.path("isBase64Encoded").asBoolean(false)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedResult("isBase64Encoded, but the body is not base64");
        }
    }
}
