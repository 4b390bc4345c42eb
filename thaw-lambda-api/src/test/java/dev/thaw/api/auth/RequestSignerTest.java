package dev.thaw.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request the server signs to pass it on is one its verifier accepts, and no other. */
class RequestSignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T15:09:26Z"), ZoneOffset.UTC);
    private static final AccessKey KEY = new AccessKey("AKIDCLUSTER", "cluster-secret");
    private static final byte[] BODY = "{\"name\":\"Bob\"}".getBytes(StandardCharsets.UTF_8);

    private final RequestSigner signer = new RequestSigner(KEY, "us-east-1", "lambda", CLOCK);
    private final SignatureVerifier verifier = new SignatureVerifier(new AccessKeys(Map.of("default", KEY)),
            "lambda", CLOCK);

    @Test
    void aPassedOnInvocationVerifiesWithItsHeadersQueryAndBody() {
        RequestHead head = signed("/2015-03-31/functions/my-function%3A1/invocations", "Qualifier=%24LATEST");
        assertEquals(KEY, verifier.check(head).verify(BODY).key());
        assertEquals("us-east-1", verifier.check(head).verify(BODY).region());
        assertThrows(AuthException.class, () -> verifier.check(head)
                .verify("{\"name\":\"Eve\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aChangedSignedHeaderFailsIt() {
        RequestHead head = signed("/2015-03-31/functions/fn/invocations", null);
        Map<String, List<String>> altered = new HashMap<>(head.headers());
        altered.put("X-Amz-Invocation-Type", List.of("Event"));
        RequestHead tampered = new RequestHead(head.method(), head.rawPath(), head.rawQuery(), altered);
        assertThrows(AuthException.class, () -> verifier.check(tampered).verify(BODY));
    }

    private RequestHead signed(String rawPath, String rawQuery) {
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "X-Amz-Invocation-Type", "RequestResponse", "X-Thaw-Forwarded-By", "node-a");
        Map<String, List<String>> sent = new HashMap<>();
        headers.forEach((name, value) -> sent.put(name, List.of(value)));
        sent.put("Host", List.of("10.0.0.2:9400"));
        signer.sign("POST", "10.0.0.2:9400", rawPath, rawQuery, headers, BODY)
                .forEach((name, value) -> sent.put(name, List.of(value)));
        return new RequestHead("POST", rawPath, rawQuery == null ? "" : rawQuery, sent);
    }
}
