package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;

/**
 * Function URLs: their operations through the SDK and the AWS CLI, then plain HTTP to the URLs themselves,
 * host-style and path-style, public and SigV4-signed, with CORS, and nothing else on their port.
 */
class FunctionUrlTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private static final String ECHO = "url-echo";
    private static final String PLAIN = "url-plain";
    private static final String FAILING = "url-failing";
    private static final String APP = "https://app.example";
    private static final Pattern URL = Pattern.compile("http://([a-z0-9]{32})\\.lambda-url\\.us-east-1\\.localhost:"
            + "(\\d+)/");

    @TempDir
    static Path workDir;

    private static LambdaClient lambda;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void deploy() {
        lambda = THAW.client();
        THAW.createFunction(ECHO, "example.UrlEcho::handleRequest");
        THAW.createFunction(PLAIN, "example.MapHandler::handleRequest");
        THAW.createFunction(FAILING, "example.Fail::handleRequest");
    }

    @AfterAll
    static void closeHttp() {
        HTTP.close();
    }

    @Test
    void operationsThroughTheSdk() {
        CreateFunctionUrlConfigResponse created = lambda.createFunctionUrlConfig(r -> r.functionName(PLAIN)
                .authType(FunctionUrlAuthType.NONE).invokeMode(InvokeMode.RESPONSE_STREAM)
                .cors(c -> c.allowOrigins(APP).allowMethods("GET").maxAge(60)));
        assertEquals(201, created.sdkHttpResponse().statusCode());
        Matcher url = URL.matcher(created.functionUrl());
        assertTrue(url.matches(), created.functionUrl());
        assertEquals(THAW.server().urlPort(), Integer.parseInt(url.group(2)));
        assertEquals(ThawServerExtension.functionArn(PLAIN), created.functionArn());
        assertEquals(InvokeMode.RESPONSE_STREAM, created.invokeMode());
        assertEquals(List.of(APP), created.cors().allowOrigins());
        assertNotNull(created.creationTime());
        assertThrows(ResourceConflictException.class, () -> lambda.createFunctionUrlConfig(r -> r.functionName(PLAIN)
                .authType(FunctionUrlAuthType.NONE)));

        UpdateFunctionUrlConfigResponse updated = lambda.updateFunctionUrlConfig(r -> r.functionName(PLAIN)
                .authType(FunctionUrlAuthType.AWS_IAM));
        assertEquals(created.functionUrl(), updated.functionUrl());
        assertEquals(FunctionUrlAuthType.AWS_IAM, updated.authType());
        assertEquals(60, updated.cors().maxAge(), "Update keeps the Cors it does not name");
        GetFunctionUrlConfigResponse got = lambda.getFunctionUrlConfig(r -> r.functionName(PLAIN));
        assertEquals(updated.lastModifiedTime(), got.lastModifiedTime());
        assertTrue(lambda.listFunctionUrlConfigs(r -> r.functionName(PLAIN)).functionUrlConfigs().stream()
                .anyMatch(config -> config.functionUrl().equals(created.functionUrl())));

        lambda.publishVersion(r -> r.functionName(PLAIN));
        LambdaException version = assertThrows(LambdaException.class, () -> lambda.createFunctionUrlConfig(
                r -> r.functionName(PLAIN).qualifier("1").authType(FunctionUrlAuthType.NONE)));
        assertEquals(400, version.statusCode(), "a version has no URL");
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionUrlConfig(r -> r.functionName(PLAIN)
                .qualifier("missing")));
        assertEquals(400, assertThrows(LambdaException.class, () -> lambda.createFunctionUrlConfig(
                r -> r.functionName(ECHO).authType("OPEN"))).statusCode());

        lambda.deleteFunctionUrlConfig(r -> r.functionName(PLAIN));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionUrlConfig(r -> r.functionName(PLAIN)));
    }

    @Test
    void operationsThroughTheCli() {
        assumeTrue(AwsCli.installed(), "the AWS CLI is not installed");
        AwsCli aws = THAW.awsCli(workDir);
        lambda.createAlias(r -> r.functionName(FAILING).name("cli").functionVersion("$LATEST"));
        JsonNode created = aws.succeed("create-function-url-config", "--function-name", FAILING, "--qualifier",
                "cli", "--auth-type", "NONE", "--cors", "AllowOrigins=" + APP + ",AllowCredentials=true").json();
        assertTrue(URL.matcher(created.get("FunctionUrl").asText()).matches(), created::toString);
        assertEquals(ThawServerExtension.functionArn(FAILING) + ":cli", created.get("FunctionArn").asText());
        assertTrue(created.at("/Cors/AllowCredentials").asBoolean());
        JsonNode got = aws.succeed("get-function-url-config", "--function-name", FAILING + ":cli").json();
        assertEquals(created.get("FunctionUrl"), got.get("FunctionUrl"));
        assertEquals("NONE", got.get("AuthType").asText());
        aws.failWith("ResourceConflictException", "create-function-url-config", "--function-name", FAILING,
                "--qualifier", "cli", "--auth-type", "NONE");
        JsonNode listed = aws.succeed("list-function-url-configs", "--function-name", FAILING).json();
        assertEquals(1, listed.get("FunctionUrlConfigs").size());
        aws.succeed("delete-function-url-config", "--function-name", FAILING, "--qualifier", "cli");
        aws.failWith("ResourceNotFoundException", "get-function-url-config", "--function-name", FAILING,
                "--qualifier", "cli");
    }

    @Test
    void aPublicUrlHostStyleAndPathStyle() throws Exception {
        String id = urlId(lambda.createFunctionUrlConfig(r -> r.functionName(ECHO).qualifier("$LATEST")
                .authType(FunctionUrlAuthType.NONE)).functionUrl());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(pathStyle(id, "/some/path?x=1&x=2"))
                .header("Cookie", "s=1; t=2").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response::body);
        assertEquals(List.of("a=1; Path=/", "b=2"), response.headers().allValues("set-cookie"));
        assertEquals(List.of("a", "b"), response.headers().allValues("x-many"));
        assertEquals(Optional.of("yes"), response.headers().firstValue("x-echo"));
        JsonNode event = Json.parse(response.body());
        assertEquals("2.0", event.get("version").asText());
        assertEquals("/some/path", event.get("rawPath").asText());
        assertEquals("x=1&x=2", event.get("rawQueryString").asText());
        assertEquals("1,2", event.at("/queryStringParameters/x").asText());
        assertEquals("[\"s=1\",\"t=2\"]", event.get("cookies").toString());
        assertEquals("hello", event.get("body").asText());
        assertEquals(id, event.at("/requestContext/apiId").asText());
        assertEquals("POST", event.at("/requestContext/http/method").asText());
        assertEquals("127.0.0.1", event.at("/requestContext/http/sourceIp").asText());
        assertTrue(event.at("/requestContext/authorizer").isMissingNode());

        String host = id + ".lambda-url.us-east-1.localhost:" + THAW.server().urlPort();
        RawHttp.Response hostStyle = RawHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + THAW.server().urlPort() + "/hosted?q=%20")).GET().build(), host, new byte[0]);
        assertEquals(201, hostStyle.status(), hostStyle::body);
        JsonNode hosted = Json.parse(hostStyle.body());
        assertEquals("/hosted", hosted.get("rawPath").asText());
        assertEquals(" ", hosted.at("/queryStringParameters/q").asText());
        assertEquals(host, hosted.at("/headers/host").asText());

        Process curl = new ProcessBuilder("curl", "-s", "--resolve", host + ":127.0.0.1",
                "http://" + host + "/curled").redirectErrorStream(true).start();
        String curled = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertEquals("/curled", Json.parse(curled).get("rawPath").asText(), curled);
    }

    @Test
    void plainJsonFailuresAndWhatTheUrlPortDoesNotServe() throws Exception {
        lambda.createAlias(r -> r.functionName(PLAIN).name("plain-alias").functionVersion("$LATEST"));
        String plain = urlId(lambda.createFunctionUrlConfig(r -> r.functionName(PLAIN).qualifier("plain-alias")
                .authType(FunctionUrlAuthType.NONE)).functionUrl());
        HttpResponse<String> json = get(pathStyle(plain, "/"), Map.of());
        assertEquals(200, json.statusCode(), json::body);
        assertEquals(Optional.of("application/json"), json.headers().firstValue("content-type"));
        assertTrue(Json.parse(json.body()).has("keys"), json::body);

        String failing = urlId(lambda.createFunctionUrlConfig(r -> r.functionName(FAILING)
                .authType(FunctionUrlAuthType.NONE)).functionUrl());
        HttpResponse<String> failed = get(pathStyle(failing, "/"), Map.of());
        assertEquals(502, failed.statusCode());
        assertEquals("{\"Message\":\"Internal Server Error\"}", failed.body());
        lambda.putFunctionConcurrency(r -> r.functionName(FAILING).reservedConcurrentExecutions(0));
        assertEquals(429, get(pathStyle(failing, "/"), Map.of()).statusCode(), "throttled");
        lambda.deleteFunctionConcurrency(r -> r.functionName(FAILING));

        URI urls = URI.create("http://127.0.0.1:" + THAW.server().urlPort());
        for (String path : List.of("/2015-03-31/functions", "/metrics", "/" + "0".repeat(32) + "/", "/")) {
            assertEquals(404, get(urls.resolve(path), Map.of()).statusCode(), path);
        }
        HttpResponse<String> signedApi = THAW.http().get(urls.resolve("/2015-03-31/functions"));
        assertEquals(404, signedApi.statusCode(), "a signature does not open the management API here");
        lambda.deleteFunctionUrlConfig(r -> r.functionName(FAILING));
        assertEquals(404, get(pathStyle(failing, "/"), Map.of()).statusCode());
        HttpResponse<String> tooLarge = HTTP.send(HttpRequest.newBuilder(pathStyle(plain, "/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[7 * 1024 * 1024])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode());
    }

    @Test
    void anIamUrlNeedsTheServersSignature() throws Exception {
        lambda.createAlias(r -> r.functionName(ECHO).name("signed").functionVersion("$LATEST"));
        String id = urlId(lambda.createFunctionUrlConfig(r -> r.functionName(ECHO + ":signed")
                .authType(FunctionUrlAuthType.AWS_IAM)).functionUrl());
        HttpResponse<String> unsigned = get(pathStyle(id, "/"), Map.of());
        assertEquals(403, unsigned.statusCode());
        assertEquals("{\"Message\":\"Forbidden\"}", unsigned.body());

        HttpResponse<String> signed = THAW.http().get(pathStyle(id, "/private"));
        assertEquals(201, signed.statusCode(), signed::body);
        JsonNode event = Json.parse(signed.body());
        assertEquals(THAW.credentials().accessKeyId(),
                event.at("/requestContext/authorizer/iam/accessKey").asText());
        assertEquals("/private", event.get("rawPath").asText());
    }

    @Test
    void corsAsTheUrlSays() throws Exception {
        lambda.createAlias(r -> r.functionName(ECHO).name("cors").functionVersion("$LATEST"));
        String id = urlId(lambda.createFunctionUrlConfig(r -> r.functionName(ECHO).qualifier("cors")
                .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowOrigins(APP).allowMethods("POST")
                        .allowHeaders("x-custom").exposeHeaders("x-echo").maxAge(300).allowCredentials(true)))
                .functionUrl());
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(pathStyle(id, "/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", APP)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "x-custom")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode());
        assertEquals(Optional.of(APP), preflight.headers().firstValue("access-control-allow-origin"));
        assertEquals(Optional.of("POST"), preflight.headers().firstValue("access-control-allow-methods"));
        assertEquals(Optional.of("x-custom"), preflight.headers().firstValue("access-control-allow-headers"));
        assertEquals(Optional.of("300"), preflight.headers().firstValue("access-control-max-age"));
        assertEquals(Optional.of("true"), preflight.headers().firstValue("access-control-allow-credentials"));

        HttpResponse<String> actual = get(pathStyle(id, "/"), Map.of("Origin", APP));
        assertEquals(201, actual.statusCode());
        assertEquals(Optional.of(APP), actual.headers().firstValue("access-control-allow-origin"));
        assertEquals(Optional.of("x-echo"), actual.headers().firstValue("access-control-expose-headers"));

        HttpResponse<String> foreign = get(pathStyle(id, "/"), Map.of("Origin", "https://evil.example"));
        assertEquals(201, foreign.statusCode(), "the request is served; its page just cannot read the answer");
        assertFalse(foreign.headers().firstValue("access-control-allow-origin").isPresent());
    }

    @Test
    void aSnapStartAliasRestoresFromItsSnapshot() throws Exception {
        String name = "url-snapstart";
        SnapStartVersions.createFunction(THAW, name, "example.UrlEcho::handleRequest");
        String version = SnapStartVersions.publishActive(lambda, name);
        lambda.createAlias(r -> r.functionName(name).name("live").functionVersion(version));
        String id = urlId(lambda.createFunctionUrlConfig(r -> r.functionName(name).qualifier("live")
                .authType(FunctionUrlAuthType.NONE)).functionUrl());
        HttpResponse<String> response = get(pathStyle(id, "/"), Map.of());
        assertEquals(201, response.statusCode(), response::body);
        assertEquals(Optional.of("snap-start"), response.headers().firstValue("x-init-type"));
    }

    private static String urlId(String functionUrl) {
        Matcher url = URL.matcher(functionUrl);
        assertTrue(url.matches(), functionUrl);
        return url.group(1);
    }

    private static URI pathStyle(String id, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + THAW.server().urlPort() + "/" + id + pathAndQuery);
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
