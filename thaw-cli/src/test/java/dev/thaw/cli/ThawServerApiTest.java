package dev.thaw.cli;

import dev.thaw.api.client.SignedHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda API as plain HTTP sees it: status codes, error headers and bodies, paths and query parameters. */
class ThawServerApiTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/lambda-ex";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static ThawServer server;
    private static SignedHttpClient http;
    private static byte[] zip;

    @BeforeAll
    static void start() throws Exception {
        server = ThawServer.start(ServerOptions.defaults(dataDir).withPort(0).withUrlPort(0));
        http = new SignedHttpClient(server.accessKeys().primary());
        zip = zip("example/Hello.class", "not really a class");
        HttpResponse<String> created = send("POST", "/2015-03-31/functions", createBody("hello"));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(201, send("POST", "/2015-03-31/functions/hello/versions", "{}").statusCode());
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
        server.close();
    }

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        HttpResponse<String> response = send("GET", "/2015-03-31/functions/hello", null);
        UUID.fromString(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        HttpResponse<String> error = send("GET", "/2015-03-31/functions/missing", null);
        UUID.fromString(error.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void createAnswersTheFullConfiguration() throws Exception {
        HttpResponse<String> response = send("POST", "/2015-03-31/functions", createBody("full"));
        assertEquals(201, response.statusCode());
        JsonNode config = JSON.readTree(response.body());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:full", config.path("FunctionArn").asText());
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip)),
                config.path("CodeSha256").asText());
        assertEquals(zip.length, config.path("CodeSize").asLong());
        assertEquals("Active", config.path("State").asText());
        assertEquals("Successful", config.path("LastUpdateStatus").asText());
        assertEquals("Zip", config.path("PackageType").asText());
        assertEquals("x86_64", config.path("Architectures").path(0).asText());
        assertEquals(512, config.path("EphemeralStorage").path("Size").asInt());
        assertEquals("PassThrough", config.path("TracingConfig").path("Mode").asText());
        assertEquals("Off", config.path("SnapStart").path("OptimizationStatus").asText());
        assertEquals("/aws/lambda/full", config.path("LoggingConfig").path("LogGroup").asText());
        assertEquals("hi", config.path("Environment").path("Variables").path("GREETING").asText());
        assertTrue(config.path("VpcConfig").isMissingNode(), "null members are omitted");
    }

    @Test
    void notFoundIsALambdaErrorWithTheQualifiedArn() throws Exception {
        HttpResponse<String> response = send("GET", "/2015-03-31/functions/hello%3A7/configuration", null);
        assertEquals(404, response.statusCode());
        assertEquals("ResourceNotFoundException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("User", body.path("Type").asText());
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello:7",
                body.path("message").asText());
    }

    @Test
    void percentEncodedQualifierAndQualifierParameterResolveTheVersion() throws Exception {
        JsonNode encoded = JSON.readTree(send("GET", "/2015-03-31/functions/hello%3A1/configuration", null).body());
        assertEquals("1", encoded.path("Version").asText());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:hello:1", encoded.path("FunctionArn").asText());
        JsonNode parameter = JSON.readTree(
                send("GET", "/2015-03-31/functions/hello/configuration?Qualifier=1", null).body());
        assertEquals(encoded, parameter);
        JsonNode arn = JSON.readTree(send("GET", "/2015-03-31/functions/"
                + "arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahello%3A1/configuration", null).body());
        assertEquals(encoded, arn);
    }

    @Test
    void listWorksWithAndWithoutTrailingSlash() throws Exception {
        for (String path : new String[] {"/2015-03-31/functions/", "/2015-03-31/functions"}) {
            HttpResponse<String> response = send("GET", path + "?MaxItems=50", null);
            assertEquals(200, response.statusCode(), path);
            JsonNode functions = JSON.readTree(response.body()).path("Functions");
            assertTrue(functions.findValuesAsText("FunctionName").contains("hello"), response.body());
        }
    }

    @Test
    void malformedJsonIsInvalidRequestContent() throws Exception {
        HttpResponse<String> response = send("POST", "/2015-03-31/functions", "{\"FunctionName\": ");
        assertEquals(400, response.statusCode());
        assertEquals("InvalidRequestContentException",
                response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertTrue(JSON.readTree(response.body()).path("message").asText().startsWith("Could not parse request body"));
    }

    @Test
    void anOversizedInvokePayloadIsRejectedWith413() throws Exception {
        byte[] payload = new byte[6_291_457];
        java.util.Arrays.fill(payload, (byte) ' ');
        HttpResponse<String> response = send("POST", "/2015-03-31/functions/hello/invocations", Map.of(), payload);
        assertEquals(413, response.statusCode());
        assertEquals("RequestEntityTooLargeException",
                response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertEquals("Request must be smaller than 6291456 bytes for the InvokeFunction operation",
                JSON.readTree(response.body()).path("message").asText());
    }

    @Test
    void anEventPayloadOverOneMegabyteIsRejected() throws Exception {
        String payload = "\"" + "x".repeat(1_048_576) + "\"";
        HttpResponse<String> response = send("POST", "/2015-03-31/functions/hello/invocations",
                Map.of("X-Amz-Invocation-Type", "Event"), payload.getBytes(StandardCharsets.UTF_8));
        assertEquals(413, response.statusCode());
    }

    @Test
    void dryRunChecksWithoutRunning() throws Exception {
        HttpResponse<String> response = send("POST", "/2015-03-31/functions/hello/invocations?Qualifier=1",
                Map.of("X-Amz-Invocation-Type", "DryRun"), "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(204, response.statusCode());
        HttpResponse<String> badPayload = send("POST", "/2015-03-31/functions/hello/invocations",
                Map.of("X-Amz-Invocation-Type", "DryRun"), "{oops".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badPayload.statusCode());
        assertEquals("InvalidRequestContentException",
                badPayload.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    @Test
    void unknownPathsAndMethodsAreErrors() throws Exception {
        HttpResponse<String> unknown = send("GET", "/2015-03-31/nothing-here", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("UnknownOperationException", unknown.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        HttpResponse<String> method = send("PATCH", "/2015-03-31/functions/hello", "{}");
        assertEquals(405, method.statusCode());
    }

    @Test
    void codeLocationIsAPresignedUrlOfTheUploadedZip() throws Exception {
        JsonNode function = JSON.readTree(send("GET", "/2015-03-31/functions/hello", null).body());
        assertEquals("S3", function.path("Code").path("RepositoryType").asText());
        URI location = URI.create(function.path("Code").path("Location").asText());
        assertTrue(location.getRawQuery().contains("X-Amz-Signature="), location::toString);
        try (HttpClient plain = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> download = plain.send(HttpRequest.newBuilder(location).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(zip, download.body());
            URI unsigned = URI.create(location.toString().substring(0, location.toString().indexOf('?')));
            HttpResponse<String> refused = plain.send(HttpRequest.newBuilder(unsigned).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode());
            assertEquals("MissingAuthenticationTokenException",
                    refused.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        }
    }

    @Test
    void aliasesAndConcurrencyUseTheirModelPaths() throws Exception {
        HttpResponse<String> alias = send("POST", "/2015-03-31/functions/hello/aliases",
                "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");
        assertEquals(201, alias.statusCode(), alias.body());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:hello:live",
                JSON.readTree(alias.body()).path("AliasArn").asText());
        assertEquals(200, send("GET", "/2015-03-31/functions/hello%3Alive/configuration", null).statusCode());

        HttpResponse<String> put = send("PUT", "/2017-10-31/functions/hello/concurrency",
                "{\"ReservedConcurrentExecutions\":2}");
        assertEquals(200, put.statusCode(), put.body());
        JsonNode get = JSON.readTree(send("GET", "/2019-09-30/functions/hello/concurrency", null).body());
        assertEquals(2, get.path("ReservedConcurrentExecutions").asInt());
        assertEquals(204, send("DELETE", "/2017-10-31/functions/hello/concurrency", null).statusCode());
        JsonNode account = JSON.readTree(send("GET", "/2016-08-19/account-settings/", null).body());
        assertEquals(32, account.path("AccountLimit").path("UnreservedConcurrentExecutions").asInt());
    }

    @Test
    void throttledInvocationsAre429WithAReason() throws Exception {
        assertEquals(201, send("POST", "/2015-03-31/functions", createBody("throttled")).statusCode());
        assertEquals(200, send("PUT", "/2017-10-31/functions/throttled/concurrency",
                "{\"ReservedConcurrentExecutions\":0}").statusCode());
        HttpResponse<String> response = send("POST", "/2015-03-31/functions/throttled/invocations", Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("TooManyRequestsException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded",
                JSON.readTree(response.body()).path("Reason").asText());
    }

    @Test
    void snapStartVersionsAnswerTheirStateAndOptimizationStatus() throws Exception {
        String body = JSON.writeValueAsString(Map.of("FunctionName", "snappy", "Runtime", "java17", "Role", ROLE,
                "Handler", "example.Hello::handleRequest", "Code",
                Map.of("ZipFile", Base64.getEncoder().encodeToString(zip)), "SnapStart",
                Map.of("ApplyOn", "PublishedVersions"), "Publish", true));
        HttpResponse<String> created = send("POST", "/2015-03-31/functions", body);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode version = JSON.readTree(created.body());
        assertEquals("1", version.path("Version").asText());
        assertEquals("Pending", version.path("State").asText());
        assertEquals("Creating", version.path("StateReasonCode").asText());
        assertEquals("InProgress", version.path("LastUpdateStatus").asText());
        assertEquals("On", version.path("SnapStart").path("OptimizationStatus").asText());
        JsonNode latest = JSON.readTree(send("GET", "/2015-03-31/functions/snappy/configuration", null).body());
        assertEquals("Active", latest.path("State").asText());
        assertEquals("PublishedVersions", latest.path("SnapStart").path("ApplyOn").asText());
        assertEquals("Off", latest.path("SnapStart").path("OptimizationStatus").asText());

        HttpResponse<String> provisioned = send("PUT",
                "/2019-09-30/functions/snappy/provisioned-concurrency?Qualifier=1",
                "{\"ProvisionedConcurrentExecutions\":1}");
        assertEquals(400, provisioned.statusCode(), provisioned.body());
        assertEquals("InvalidParameterValueException",
                provisioned.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertTrue(JSON.readTree(provisioned.body()).path("message").asText().contains("SnapStart"));
    }

    @Test
    void snapStartWithLargeEphemeralStorageIsRejected() throws Exception {
        String body = JSON.writeValueAsString(Map.of("FunctionName", "big-tmp", "Runtime", "java17", "Role", ROLE,
                "Handler", "example.Hello::handleRequest", "Code",
                Map.of("ZipFile", Base64.getEncoder().encodeToString(zip)), "SnapStart",
                Map.of("ApplyOn", "PublishedVersions"), "EphemeralStorage", Map.of("Size", 2048)));
        HttpResponse<String> response = send("POST", "/2015-03-31/functions", body);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("InvalidParameterValueException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    private static String createBody(String name) throws IOException {
        return JSON.writeValueAsString(Map.of("FunctionName", name, "Runtime", "java17", "Role", ROLE,
                "Handler", "example.Hello::handleRequest", "Code",
                Map.of("ZipFile", Base64.getEncoder().encodeToString(zip)),
                "Environment", Map.of("Variables", Map.of("GREETING", "hi"))));
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, Map.of(), body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body)
            throws Exception {
        return http.send(method, server.endpoint().resolve(path), headers, body, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
