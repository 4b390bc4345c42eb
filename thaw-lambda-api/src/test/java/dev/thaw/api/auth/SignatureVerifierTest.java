package dev.thaw.api.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verifier against requests signed by the AWS SDK's signer, and every way a request can fail it. */
class SignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-14T15:09:26Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AccessKeys KEYS = new AccessKeys(Map.of("default", SdkSigner.KEY));
    private static final String BASE = "http://127.0.0.1:9400";
    private static final byte[] NO_BODY = new byte[0];
    private static final byte[] PAYLOAD = "{\"name\":\"Bob\"}".getBytes(StandardCharsets.UTF_8);

    private final SignatureVerifier verifier = new SignatureVerifier(KEYS, "lambda", CLOCK);

    @ParameterizedTest
    @ValueSource(strings = {
            "/2015-03-31/functions",
            "/2015-03-31/functions/",
            "/2015-03-31/functions/?MaxItems=50&Marker=a%2Bb%20c",
            "/2015-03-31/functions/my-function%3A1/configuration",
            "/2015-03-31/functions/my-function/configuration?Qualifier=%24LATEST",
            "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello%3A1",
            "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello?tagKeys=a&tagKeys=b",
            "/thaw/store/stats"})
    void sdkSignedGetsVerify(String target) {
        RequestHead head = sdk().sign("GET", BASE + target, Map.of(), NO_BODY);
        assertEquals(SdkSigner.KEY, verifier.check(head).verify(NO_BODY).key());
    }

    @Test
    void theCanonicalUriEncodesThePathOnceMore() {
        assertEquals("/2015-03-31/functions/my-function%253A1/configuration",
                CanonicalRequest.canonicalUri("/2015-03-31/functions/my-function%3A1/configuration"));
        assertEquals("/2015-03-31/functions/", CanonicalRequest.canonicalUri("/2015-03-31/functions/"));
    }

    @Test
    void aSignedBodyVerifiesAndAnotherDoesNot() {
        RequestHead head = sdk().sign("POST", BASE + "/2015-03-31/functions/hello/invocations",
                Map.of("Content-Type", "application/json", "X-Amz-Log-Type", "Tail"), PAYLOAD);
        assertEquals("us-east-1", verifier.check(head).verify(PAYLOAD).region());
        assertFailure(AuthFailure.INVALID_SIGNATURE, "does not match",
                () -> verifier.check(head).verify("{\"name\":\"Eve\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anyRegionIsAccepted() {
        RequestHead head = sdk().region("eu-west-3").sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
        assertEquals("eu-west-3", verifier.check(head).verify(NO_BODY).region());
    }

    @Test
    void changingWhatWasSignedBreaksTheSignature() {
        RequestHead head = sdk().sign("DELETE", BASE + "/2015-03-31/functions/keep?Qualifier=1",
                Map.of("X-Amz-Client-Context", "e30="), NO_BODY);
        assertInvalid(new RequestHead("DELETE", "/2015-03-31/functions/other", head.rawQuery(), head.headers()));
        assertInvalid(new RequestHead("DELETE", head.rawPath(), "Qualifier=2", head.headers()));
        assertInvalid(new RequestHead("GET", head.rawPath(), head.rawQuery(), head.headers()));
        assertInvalid(withHeader(head, "X-Amz-Client-Context", "e2E6MX0="));
        assertInvalid(withHeader(head, "Host", "localhost:9400"));
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        RequestHead head = sdk().key(new AccessKey(SdkSigner.KEY.accessKeyId(), "not-the-secret"))
                .sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
        assertInvalid(head);
    }

    @Test
    void anUnknownKeyIsUnrecognized() {
        RequestHead head = sdk().key(new AccessKey("AKIAUNKNOWNUNKNOWN00", "secret"))
                .sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
        assertFailure(AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.",
                () -> verifier.check(head));
    }

    @Test
    void anotherServiceIsRefused() {
        RequestHead head = sdk().service("s3").sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
        assertFailure(AuthFailure.INVALID_SIGNATURE, "Credential should be scoped to correct service: 'lambda'.",
                () -> verifier.check(head));
    }

    @Test
    void signaturesWithinFiveMinutesEitherWayAreOnTime() {
        for (Duration skew : List.of(Duration.ofMinutes(-5), Duration.ofMinutes(4), Duration.ofMinutes(5))) {
            RequestHead head = new SdkSigner(Clock.offset(CLOCK, skew))
                    .sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
            assertEquals(SdkSigner.KEY, verifier.check(head).verify(NO_BODY).key(), skew::toString);
        }
    }

    @Test
    void aSignatureFromTenMinutesAgoHasExpired() {
        RequestHead head = new SdkSigner(Clock.offset(CLOCK, Duration.ofMinutes(-10)))
                .sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
        assertFailure(AuthFailure.INVALID_SIGNATURE, "Signature expired: 20260314T145926Z is now earlier than "
                + "20260314T150426Z (20260314T150926Z - 5 min.)", () -> verifier.check(head));
    }

    @Test
    void aSignatureFromTheFutureIsNotYetCurrent() {
        RequestHead head = new SdkSigner(Clock.offset(CLOCK, Duration.ofMinutes(6)))
                .sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
        assertFailure(AuthFailure.INVALID_SIGNATURE, "Signature not yet current: 20260314T151526Z is still later "
                + "than 20260314T151426Z (20260314T150926Z + 5 min.)", () -> verifier.check(head));
    }

    @Test
    void aDeclaredPayloadHashMustBeTheRealOne() {
        RequestHead head = sdk().sign("POST", BASE + "/2015-03-31/functions/hello/invocations", Map.of(), PAYLOAD);
        assertFailure(AuthFailure.INVALID_SIGNATURE, "x-amz-content-sha256",
                () -> verifier.check(withHeader(head, "x-amz-content-sha256", SigV4.sha256Hex(NO_BODY)))
                        .verify(PAYLOAD));
        assertFailure(AuthFailure.INVALID_SIGNATURE, "Unsigned payloads are not accepted",
                () -> verifier.check(withHeader(head, "x-amz-content-sha256", "UNSIGNED-PAYLOAD")).verify(PAYLOAD));
    }

    @Test
    void noAuthorizationIsAMissingToken() {
        RequestHead head = new RequestHead("GET", "/2015-03-31/functions", "", Map.of("Host", List.of("h")));
        assertFailure(AuthFailure.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token",
                () -> verifier.check(head));
    }

    @Test
    void partialAuthorizationHeadersAreIncomplete() {
        RequestHead signed = sdk().sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
        String authorization = signed.header("Authorization").orElseThrow();
        String credential = authorization.replaceAll(".*Credential=([^,]*),.*", "$1");
        for (String broken : List.of(
                authorization.replaceAll("Credential=[^,]*, ", ""),
                authorization.replaceAll(", SignedHeaders=[^,]*", ""),
                authorization.replaceAll(", Signature=.*", ""),
                authorization.replace(credential, credential.replace("/aws4_request", "")),
                authorization.replace(credential, credential.replaceAll("/\\d{8}/", "/yesterday/")),
                authorization.replaceAll("SignedHeaders=[^,]*", "SignedHeaders=x-amz-date"),
                authorization.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"),
                "Bearer abc")) {
            assertFailure(AuthFailure.INCOMPLETE_SIGNATURE, "",
                    () -> verifier.check(withHeader(signed, "Authorization", broken)));
        }
        Map<String, List<String>> noDate = new LinkedHashMap<>(signed.headers());
        noDate.remove("X-Amz-Date");
        assertFailure(AuthFailure.INCOMPLETE_SIGNATURE, "'X-Amz-Date' or a 'Date' header",
                () -> verifier.check(new RequestHead("GET", signed.rawPath(), "", noDate)));
    }

    @Test
    void aHeaderAndAPresignedQueryTogetherAreRefused() {
        RequestHead signed = sdk().sign("GET", BASE + "/2015-03-31/functions", Map.of(), NO_BODY);
        assertFailure(AuthFailure.INCOMPLETE_SIGNATURE, "Only one auth mechanism allowed",
                () -> verifier.check(new RequestHead("GET", signed.rawPath(), "X-Amz-Algorithm=AWS4-HMAC-SHA256",
                        signed.headers())));
    }

    @Test
    void sdkPresignedUrlsVerifyUntilTheyExpire() {
        RequestHead head = sdk().presigned(Duration.ofMinutes(10))
                .sign("GET", BASE + "/thaw/packages/abc", Map.of(), NO_BODY);
        assertTrue(head.header("Authorization").isEmpty());
        assertEquals(SdkSigner.KEY, verifier.check(head).verify(NO_BODY).key());
        SignatureVerifier later = new SignatureVerifier(KEYS, "lambda", Clock.offset(CLOCK, Duration.ofMinutes(11)));
        assertFailure(AuthFailure.INVALID_SIGNATURE, "Signature expired", () -> later.check(head));
    }

    @Test
    void presignedUrlsOfTheServerVerifyForTheirPathOnly() {
        Presigner presigner = new Presigner("lambda", CLOCK);
        String query = presigner.presignedQuery(new Caller(SdkSigner.KEY, "us-east-1"), "127.0.0.1:9400",
                "/thaw/packages/abc", Duration.ofMinutes(10));
        Map<String, List<String>> headers = Map.of("Host", List.of("127.0.0.1:9400"));
        RequestHead head = new RequestHead("GET", "/thaw/packages/abc", query, headers);
        assertEquals(SdkSigner.KEY, verifier.check(head).verify(NO_BODY).key());
        assertInvalid(new RequestHead("GET", "/thaw/packages/abd", query, headers));
        SignatureVerifier later = new SignatureVerifier(KEYS, "lambda", Clock.offset(CLOCK, Duration.ofMinutes(11)));
        assertFailure(AuthFailure.INVALID_SIGNATURE, "Signature expired", () -> later.check(head));
    }

    private SdkSigner sdk() {
        return new SdkSigner(CLOCK);
    }

    private void assertInvalid(RequestHead head) {
        assertFailure(AuthFailure.INVALID_SIGNATURE, "The request signature we calculated does not match",
                () -> verifier.check(head).verify(NO_BODY));
    }

    private static RequestHead withHeader(RequestHead head, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(head.headers());
        headers.put(name, List.of(value));
        return new RequestHead(head.method(), head.rawPath(), head.rawQuery(), headers);
    }

    private static void assertFailure(AuthFailure failure, String messagePart, Runnable request) {
        AuthException refused = assertThrows(AuthException.class, request::run);
        assertEquals(failure, refused.failure(), refused::getMessage);
        assertTrue(refused.getMessage().contains(messagePart), refused::getMessage);
    }
}
