package dev.thaw.it;

import dev.thaw.worker.logs.FunctionLogs;
import java.util.OptionalInt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.auth.CredentialsFile;
import dev.thaw.api.client.SignedHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Only signed callers get in. Each refusal a caller can meet, sent as raw HTTP, through the SDK and through the
 * AWS CLI: the right status and error type, and nothing run (the function's log gains no invocation, a refused
 * DeleteFunction leaves the function in place).
 */
class SignedAccessTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private static final String FUNCTION = "guarded";
    private static final String BOB = "{\"name\":\"Bob\"}";
    private static final AccessKey STRANGER = new AccessKey("AKIA2THAWSTRANGER234", "s".repeat(40));

    @TempDir
    static Path workDir;

    private long invocationsBefore;

    @BeforeAll
    static void deploy() {
        THAW.createFunction(FUNCTION, "example.Hello::handleRequest");
    }

    @BeforeEach
    void countInvocations() {
        invocationsBefore = invocations();
    }

    @AfterEach
    void nothingRan() {
        assertEquals(invocationsBefore, invocations(), "a refused request ran the function");
        assertEquals(FUNCTION, THAW.client().getFunction(r -> r.functionName(FUNCTION)).configuration()
                .functionName());
    }

    @Test
    void withoutASignatureTheTokenIsMissing() throws Exception {
        try (HttpClient plain = HttpClient.newHttpClient()) {
            HttpResponse<String> response = plain.send(HttpRequest.newBuilder(invocations(FUNCTION))
                    .POST(HttpRequest.BodyPublishers.ofString(BOB)).build(), HttpResponse.BodyHandlers.ofString());
            assertRefused(response, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        assertSdkRefused(AnonymousCredentialsProvider.create(), "MissingAuthenticationTokenException");
    }

    @Test
    void aPartialAuthorizationIsAnIncompleteSignature() throws Exception {
        try (HttpClient plain = HttpClient.newHttpClient()) {
            HttpResponse<String> response = plain.send(HttpRequest.newBuilder(invocations(FUNCTION))
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + THAW.credentials().accessKeyId()
                            + "/20260101/us-east-1/lambda/aws4_request")
                    .POST(HttpRequest.BodyPublishers.ofString(BOB)).build(), HttpResponse.BodyHandlers.ofString());
            assertRefused(response, "IncompleteSignatureException", null);
            assertTrue(message(response).contains("Authorization header requires 'SignedHeaders' parameter."),
                    response::body);
        }
    }

    @Test
    void anUnknownAccessKeyIsUnrecognized() throws Exception {
        try (SignedHttpClient stranger = new SignedHttpClient(STRANGER)) {
            assertRefused(invoke(stranger), "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        assertSdkRefused(staticKey(STRANGER), "UnrecognizedClientException");
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() throws Exception {
        AccessKey wrongSecret = new AccessKey(THAW.credentials().accessKeyId(), "w".repeat(40));
        try (SignedHttpClient wrong = new SignedHttpClient(wrongSecret)) {
            HttpResponse<String> response = invoke(wrong);
            assertRefused(response, "InvalidSignatureException", null);
            assertTrue(message(response).startsWith("The request signature we calculated does not match"),
                    response::body);
        }
        assertSdkRefused(staticKey(wrongSecret), "InvalidSignatureException");
    }

    @Test
    void aSignatureMadeTenMinutesAgoHasExpired() throws Exception {
        Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        try (SignedHttpClient late = new SignedHttpClient(THAW.credentials(), HttpClient.newHttpClient(),
                tenMinutesAgo)) {
            HttpResponse<String> response = invoke(late);
            assertRefused(response, "InvalidSignatureException", null);
            assertTrue(message(response).startsWith("Signature expired: "), response::body);
        }
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        try (SignedHttpClient http = THAW.http(); HttpClient plain = HttpClient.newHttpClient()) {
            HttpRequest tampered = http.signed("POST", invocations(FUNCTION), Map.of(),
                            BOB.getBytes(StandardCharsets.UTF_8))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Eve\"}")).build();
            assertRefused(plain.send(tampered, HttpResponse.BodyHandlers.ofString()), "InvalidSignatureException",
                    null);
        }
    }

    @Test
    void aPageOnAForeignOriginCannotInvoke() throws Exception {
        try (HttpClient plain = HttpClient.newHttpClient(); SignedHttpClient http = THAW.http()) {
            // What a form or fetch() on another site sends: a "simple" text/plain POST, without a preflight.
            HttpResponse<String> forged = plain.send(HttpRequest.newBuilder(invocations(FUNCTION))
                    .header("Origin", "https://evil.example").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(BOB)).build(), HttpResponse.BodyHandlers.ofString());
            assertRefused(forged, "AccessDeniedException", "Requests from origin https://evil.example are not "
                    + "allowed.");
            HttpResponse<String> signed = http.send("POST", invocations(FUNCTION),
                    Map.of("Origin", "https://evil.example"), BOB.getBytes(StandardCharsets.UTF_8),
                    HttpResponse.BodyHandlers.ofString());
            assertRefused(signed, "AccessDeniedException", null);
        }
    }

    @Test
    void aReboundHostNameIsRefusedBeforeTheSignatureIsLookedAt() throws Exception {
        String rebound = "rebound.evil.example:" + THAW.endpoint().getPort();
        try (SignedHttpClient http = THAW.http()) {
            HttpRequest delete = http.signed("DELETE", THAW.endpoint().resolve("/2015-03-31/functions/" + FUNCTION),
                    Map.of(), new byte[0]).build();
            RawHttp.Response response = RawHttp.send(delete, rebound, new byte[0]);
            assertEquals(403, response.status(), response::body);
            assertEquals("AccessDeniedException", response.errorType());
            assertEquals("This server does not answer to the host name " + rebound + ".",
                    Json.parse(response.body()).path("message").asText());
        }
    }

    @Test
    void theServersKeyWorksThroughTheSdkAndRawHttp() throws Exception {
        assertEquals("\"Hello, Bob!\"", Invocations.text(Invocations.invoke(THAW.client(), FUNCTION, BOB)));
        try (SignedHttpClient http = THAW.http()) {
            HttpResponse<String> response = invoke(http);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("\"Hello, Bob!\"", response.body());
        }
        assertEquals(invocationsBefore + 2, invocations());
        invocationsBefore = invocations();
    }

    @Test
    @EnabledIf(value = "dev.thaw.it.AwsCli#installed", disabledReason = "AWS CLI v2 not installed")
    void theCliSignsWithTheServersFileAndPrintsRefusals() throws IOException {
        AwsCli cli = THAW.awsCli(workDir);
        JsonNode configuration = cli.succeed("get-function-configuration", "--function-name", FUNCTION).json();
        assertEquals(FUNCTION, configuration.path("FunctionName").asText());

        Path strangers = workDir.resolve("strangers");
        CredentialsFile.create(strangers, STRANGER);
        AwsCli.Result refused = cli.withCredentialsFile(strangers).failWith("UnrecognizedClientException",
                "delete-function", "--function-name", FUNCTION);
        assertTrue(refused.stderr().contains("The security token included in the request is invalid"),
                refused::toString);

        Path wrongSecret = workDir.resolve("wrong-secret");
        CredentialsFile.create(wrongSecret, new AccessKey(THAW.credentials().accessKeyId(), "w".repeat(40)));
        cli.withCredentialsFile(wrongSecret).failWith("InvalidSignatureException", "invoke", "--function-name",
                FUNCTION, workDir.resolve("never.json").toString());
        assertTrue(Files.notExists(workDir.resolve("never.json")));
    }

    private static HttpResponse<String> invoke(SignedHttpClient http) throws IOException, InterruptedException {
        return http.send("POST", invocations(FUNCTION), Map.of(), BOB.getBytes(StandardCharsets.UTF_8),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSdkRefused(AwsCredentialsProvider credentials, String errorCode) {
        try (LambdaClient client = LambdaClients.forEndpoint(THAW.endpoint(), credentials, Optional.empty())) {
            for (Consumer<LambdaClient> call : List.<Consumer<LambdaClient>>of(
                    c -> c.invoke(r -> r.functionName(FUNCTION).payload(SdkBytes.fromUtf8String(BOB))),
                    c -> c.deleteFunction(r -> r.functionName(FUNCTION)))) {
                LambdaException refused = assertThrows(LambdaException.class, () -> call.accept(client));
                assertEquals(403, refused.statusCode());
                assertEquals(errorCode, refused.awsErrorDetails().errorCode(), refused::getMessage);
            }
        }
    }

    private static void assertRefused(HttpResponse<String> response, String errorType, String message) {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(errorType, response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertEquals("User", Json.parse(response.body()).path("Type").asText());
        if (message != null) {
            assertEquals(message, message(response));
        }
    }

    private static String message(HttpResponse<String> response) {
        return Json.parse(response.body()).path("message").asText();
    }

    private static StaticCredentialsProvider staticKey(AccessKey key) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(),
                key.secretAccessKey()));
    }

    private static URI invocations(String function) {
        return THAW.endpoint().resolve("/2015-03-31/functions/" + function + "/invocations");
    }

    /** The invocations the function's log (what {@code thaw logs} prints) shows. */
    private static long invocations() {
        return new FunctionLogs(THAW.dataDir().resolve("logs"), Clock.systemUTC(), OptionalInt.empty())
                .read(FUNCTION).lines().filter(line -> line.startsWith("START RequestId:")).count();
    }
}
