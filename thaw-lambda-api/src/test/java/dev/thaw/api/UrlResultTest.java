package dev.thaw.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A function's answer as its URL sends it back. */
class UrlResultTest {

    @Test
    void aStructuredResponseSetsStatusHeadersCookiesAndBody() throws Exception {
        UrlResponse response = UrlResult.of(bytes("""
                {"statusCode": 201, "headers": {"Content-Type": "text/plain", "X-One": "1"},
                 "multiValueHeaders": {"X-Many": ["a", "b"]}, "cookies": ["a=1; Path=/", "b=2"],
                 "body": "created"}"""));
        assertEquals(201, response.status());
        assertEquals(List.of(new UrlResponse.Header("Content-Type", "text/plain"),
                new UrlResponse.Header("X-One", "1"), new UrlResponse.Header("X-Many", "a"),
                new UrlResponse.Header("X-Many", "b"), new UrlResponse.Header("Set-Cookie", "a=1; Path=/"),
                new UrlResponse.Header("Set-Cookie", "b=2")), response.headers());
        assertEquals("created", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aBase64BodyIsDecoded() throws Exception {
        byte[] binary = {1, 2, (byte) 0xfe};
        UrlResponse response = UrlResult.of(bytes("{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \""
                + Base64.getEncoder().encodeToString(binary) + "\"}"));
        assertArrayEquals(binary, response.body());
    }

    @Test
    void anyOtherJsonIsTheBodyOfA200() throws Exception {
        for (String payload : List.of("{\"message\":\"hi\"}", "[1,2]", "\"text\"", "42", "null")) {
            UrlResponse response = UrlResult.of(bytes(payload));
            assertEquals(200, response.status(), payload);
            assertEquals(List.of(new UrlResponse.Header("Content-Type", "application/json")), response.headers());
            assertEquals(payload, new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void whatIsNoResponseIsRefused() {
        assertThrows(UrlResult.MalformedResult.class, () -> UrlResult.of(bytes("{\"statusCode\": \"teapot\"}")));
        assertThrows(UrlResult.MalformedResult.class, () -> UrlResult.of(bytes("{\"statusCode\": 42}")));
        assertThrows(UrlResult.MalformedResult.class, () -> UrlResult.of(bytes("not json")));
        assertThrows(UrlResult.MalformedResult.class, () -> UrlResult.of(bytes(
                "{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"***\"}")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
