package dev.thaw.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.auth.Caller;
import dev.thaw.api.auth.RequestHead;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A function URL request as the payload format 2.0 event Lambda hands the function. */
class UrlEventTest {

    private static final String URL_ID = "abcdefghijklmnopqrstuvwxyz012345";
    private static final Instant TIME = Instant.parse("2026-03-12T19:03:58.123Z");

    @Test
    void headersCookiesQueryAndContext() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Multi", List.of("a", "b"));
        headers.put("Cookie", List.of("s=1; t=2"));
        headers.put("User-Agent", List.of("curl/8"));
        JsonNode event = event(new RequestHead("POST", "/a%20b/c", "x=1&x=2&y=%C3%A9", headers),
                "{\"k\":1}".getBytes(StandardCharsets.UTF_8), Optional.empty());

        assertEquals("2.0", event.get("version").asText());
        assertEquals("$default", event.get("routeKey").asText());
        assertEquals("/a%20b/c", event.get("rawPath").asText());
        assertEquals("x=1&x=2&y=%C3%A9", event.get("rawQueryString").asText());
        assertEquals(List.of("s=1", "t=2"), texts(event.get("cookies")));
        assertEquals("a,b", event.at("/headers/x-multi").asText());
        assertEquals("application/json", event.at("/headers/content-type").asText());
        assertTrue(event.at("/headers/cookie").isMissingNode(), "cookies are not headers too");
        assertEquals("1,2", event.at("/queryStringParameters/x").asText());
        assertEquals("é", event.at("/queryStringParameters/y").asText());
        assertEquals("{\"k\":1}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());

        JsonNode context = event.get("requestContext");
        assertEquals(URL_ID, context.get("apiId").asText());
        assertEquals(URL_ID, context.get("domainPrefix").asText());
        assertEquals(URL_ID + ".lambda-url.us-east-1.localhost", context.get("domainName").asText());
        assertEquals("$default", context.get("stage").asText());
        assertEquals("req-1", context.get("requestId").asText());
        assertEquals("12/Mar/2026:19:03:58 +0000", context.get("time").asText());
        assertEquals(TIME.toEpochMilli(), context.get("timeEpoch").asLong());
        assertEquals("POST", context.at("/http/method").asText());
        assertEquals("/a b/c", context.at("/http/path").asText());
        assertEquals("HTTP/1.1", context.at("/http/protocol").asText());
        assertEquals("192.0.2.7", context.at("/http/sourceIp").asText());
        assertEquals("curl/8", context.at("/http/userAgent").asText());
        assertTrue(context.path("authorizer").isMissingNode());
    }

    @Test
    void binaryBodiesAreBase64AndNoBodyIsNone() throws IOException {
        byte[] binary = {0, (byte) 0xff, 1};
        JsonNode event = event(new RequestHead("PUT", "/", "", Map.of("Content-Type",
                List.of("application/octet-stream"))), binary, Optional.empty());
        assertTrue(event.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(binary), event.get("body").asText());

        JsonNode empty = event(new RequestHead("GET", "/", "", Map.of()), new byte[0], Optional.empty());
        assertTrue(empty.path("body").isMissingNode());
        assertFalse(empty.get("isBase64Encoded").asBoolean());
        assertTrue(empty.path("queryStringParameters").isMissingNode());
        assertTrue(empty.path("cookies").isMissingNode());
    }

    @Test
    void aSignedRequestCarriesItsSigner() throws IOException {
        Caller caller = new Caller(new AccessKey("AKIAEXAMPLE", "secret"), "us-east-1");
        JsonNode event = event(new RequestHead("GET", "/", "", Map.of()), new byte[0], Optional.of(caller));
        assertEquals("000000000000", event.at("/requestContext/accountId").asText());
        assertEquals("AKIAEXAMPLE", event.at("/requestContext/authorizer/iam/accessKey").asText());
        assertEquals("000000000000", event.at("/requestContext/authorizer/iam/accountId").asText());
    }

    private static JsonNode event(RequestHead head, byte[] body, Optional<Caller> caller) throws IOException {
        return new ObjectMapper().readTree(new UrlEvent(head, body, URL_ID, URL_ID + ".lambda-url.us-east-1.localhost",
                head.rawPath(), "192.0.2.7", "HTTP/1.1", "req-1", TIME, "000000000000", caller).toJson());
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }
}
