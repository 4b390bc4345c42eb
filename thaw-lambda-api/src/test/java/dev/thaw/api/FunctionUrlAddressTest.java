package dev.thaw.api;

import dev.thaw.api.auth.RequestHead;
import dev.thaw.controlplane.UrlCors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which URL a request is for, and the CORS headers its answers get. */
class FunctionUrlAddressTest {

    private static final String ID = "abcdefghijklmnopqrstuvwxyz012345";
    private static final FunctionUrlAddress ADDRESS = new FunctionUrlAddress("http", "us-east-1", 9401);

    @Test
    void hostStyleThenPathStyle() {
        assertEquals("http://" + ID + ".lambda-url.us-east-1.localhost:9401/", ADDRESS.url(ID));
        assertEquals(Optional.of(new FunctionUrlAddress.Target(ID, "/a/b")),
                ADDRESS.locate(head("/a/b", ID.toUpperCase() + ".lambda-url.us-east-1.localhost:9401")));
        assertEquals(Optional.of(new FunctionUrlAddress.Target(ID, "/a/b")),
                ADDRESS.locate(head("/" + ID + "/a/b", "127.0.0.1:9401")));
        assertEquals(Optional.of(new FunctionUrlAddress.Target(ID, "/")), ADDRESS.locate(head("/" + ID,
                "127.0.0.1")));
        assertEquals(Optional.empty(), ADDRESS.locate(head("/a/b", ID + ".lambda-url.eu-west-1.localhost")));
        assertEquals(Optional.empty(), ADDRESS.locate(head("/2015-03-31/functions", "127.0.0.1:9401")));
        assertEquals(Optional.empty(), ADDRESS.locate(head("/metrics", "127.0.0.1:9401")));
    }

    @Test
    void corsForAnAllowedOriginOnly() {
        UrlCors cors = new UrlCors(true, List.of("x-custom"), List.of("GET", "POST"),
                List.of("https://app.example"), List.of("x-echo"), 300);
        UrlResponse preflight = UrlCorsHeaders.preflight(cors, preflight("https://app.example"));
        assertEquals(List.of(new UrlResponse.Header("Vary", "Origin"),
                new UrlResponse.Header("Access-Control-Allow-Origin", "https://app.example"),
                new UrlResponse.Header("Access-Control-Allow-Credentials", "true"),
                new UrlResponse.Header("Access-Control-Allow-Methods", "GET,POST"),
                new UrlResponse.Header("Access-Control-Allow-Headers", "x-custom"),
                new UrlResponse.Header("Access-Control-Max-Age", "300")), preflight.headers());
        assertEquals(List.of(new UrlResponse.Header("Vary", "Origin")),
                UrlCorsHeaders.preflight(cors, preflight("https://evil.example")).headers());

        UrlResponse function = new UrlResponse(200, List.of(new UrlResponse.Header("Access-Control-Allow-Origin",
                "*"), new UrlResponse.Header("X-Echo", "1")), new byte[0]);
        UrlResponse actual = UrlCorsHeaders.actual(cors, new RequestHead("GET", "/", "",
                Map.of("Origin", List.of("https://app.example"))), function);
        assertEquals(List.of(new UrlResponse.Header("X-Echo", "1"), new UrlResponse.Header("Vary", "Origin"),
                new UrlResponse.Header("Access-Control-Allow-Origin", "https://app.example"),
                new UrlResponse.Header("Access-Control-Allow-Credentials", "true"),
                new UrlResponse.Header("Access-Control-Expose-Headers", "x-echo")), actual.headers());
    }

    private static RequestHead head(String path, String host) {
        return new RequestHead("GET", path, "", Map.of("Host", List.of(host)));
    }

    private static RequestHead preflight(String origin) {
        return new RequestHead("OPTIONS", "/", "", Map.of("Origin", List.of(origin),
                "Access-Control-Request-Method", List.of("POST")));
    }
}
