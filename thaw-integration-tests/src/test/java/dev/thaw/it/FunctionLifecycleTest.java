package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.Invocations.text;
import static dev.thaw.it.ThawServerExtension.functionArn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** Create, read, update, publish, alias, list and delete through the AWS SDK for Java v2. */
class FunctionLifecycleTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private static final String BOB = "{\"name\":\"Bob\"}";
    private static final String HELLO_BOB = "\"Hello, Bob!\"";

    private final LambdaClient lambda = THAW.client();

    @Test
    void createFromJarReportsTheFunctionAndItsCode() throws IOException, InterruptedException {
        SdkBytes jar = ExamplePackages.jar();
        CreateFunctionResponse created = THAW.createFunction("lifecycle-jar", "example.Hello::handleRequest",
                b -> b.description("the demo function"));

        assertEquals("lifecycle-jar", created.functionName());
        assertEquals(functionArn("lifecycle-jar"), created.functionArn());
        assertEquals(ThawServerExtension.RUNTIME, created.runtimeAsString());
        assertEquals("example.Hello::handleRequest", created.handler());
        assertEquals(ThawServerExtension.ROLE, created.role());
        assertEquals("$LATEST", created.version());
        assertEquals(256, created.memorySize());
        assertEquals(15, created.timeout());
        assertEquals("the demo function", created.description());
        assertEquals(jar.asByteArray().length, created.codeSize());
        assertEquals(ExamplePackages.sha256(jar), created.codeSha256());

        GetFunctionResponse function = lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("lifecycle-jar"))
                .matched().response().orElseThrow();
        assertEquals(State.ACTIVE, function.configuration().state());
        assertEquals(LastUpdateStatus.SUCCESSFUL, function.configuration().lastUpdateStatus());
        assertEquals(created.codeSha256(), function.configuration().codeSha256());
        assertEquals(created.revisionId(), function.configuration().revisionId());
        assertEquals(ExamplePackages.sha256(jar), ExamplePackages.sha256(download(function.code().location())),
                "Code.Location must serve the deployed package");

        GetFunctionConfigurationResponse configuration =
                lambda.getFunctionConfiguration(r -> r.functionName("lifecycle-jar"));
        assertEquals("example.Hello::handleRequest", configuration.handler());
        assertEquals(functionArn("lifecycle-jar"), configuration.functionArn());

        assertEquals(HELLO_BOB, text(invoke(lambda, "lifecycle-jar", BOB)));
    }

    @Test
    void createFromZipLayoutLoadsClassesAndLibJars() {
        SdkBytes zip = ExamplePackages.zip();
        CreateFunctionResponse created = THAW.createFunction("lifecycle-zip", "example.ApiGatewayHandler",
                b -> b.code(c -> c.zipFile(zip)));
        assertEquals(ExamplePackages.sha256(zip), created.codeSha256());
        assertEquals(zip.asByteArray().length, created.codeSize());

        // ApiGatewayHandler needs aws-lambda-java-events, which this layout only carries in lib/.
        InvokeResponse response = invoke(lambda, "lifecycle-zip",
                "{\"httpMethod\":\"GET\",\"path\":\"/hi\",\"queryStringParameters\":{\"name\":\"Zip\"}}");
        assertNull(response.functionError(), () -> text(response));
        assertEquals("GET /hi: Hello, Zip!", Invocations.json(response).path("body").asText());
    }

    @Test
    void updatedConfigurationTakesEffectOnTheNextInvoke() {
        CreateFunctionResponse created = THAW.createFunction("lifecycle-config", "example.ContextEcho",
                b -> b.environment(e -> e.variables(Map.of("GREETING", "hello"))));
        String event = "{\"env\":[\"GREETING\"]}";
        JsonNode before = Invocations.json(invoke(lambda, "lifecycle-config", event));
        assertEquals("hello", before.path("env").path("GREETING").asText());
        assertEquals(256, before.path("memoryLimitInMB").asInt());

        UpdateFunctionConfigurationResponse updated = lambda.updateFunctionConfiguration(r -> r
                .functionName("lifecycle-config").memorySize(512).timeout(20).description("updated")
                .environment(e -> e.variables(Map.of("GREETING", "bonjour"))));
        assertEquals(512, updated.memorySize());
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("lifecycle-config"));
        assertThrows(PreconditionFailedException.class, () -> lambda.updateFunctionConfiguration(r -> r
                .functionName("lifecycle-config").revisionId(created.revisionId()).description("stale")),
                "an update based on an outdated RevisionId must be refused");

        GetFunctionConfigurationResponse configuration =
                lambda.getFunctionConfiguration(r -> r.functionName("lifecycle-config"));
        assertEquals(20, configuration.timeout());
        assertEquals("updated", configuration.description());
        assertEquals(Map.of("GREETING", "bonjour"), configuration.environment().variables());

        JsonNode after = Invocations.json(invoke(lambda, "lifecycle-config", event));
        assertEquals("bonjour", after.path("env").path("GREETING").asText());
        assertEquals(512, after.path("memoryLimitInMB").asInt());
        assertEquals("512", after.path("env").path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
        assertNotEquals(before.path("environmentId").asText(), after.path("environmentId").asText(),
                "an environment of the old configuration served the invoke");
    }

    @Test
    void updatedCodeIsServedByANewEnvironment() {
        CreateFunctionResponse created = THAW.createFunction("lifecycle-code", "example.ContextEcho");
        JsonNode before = Invocations.json(invoke(lambda, "lifecycle-code", "{}"));
        lambda.publishVersion(r -> r.functionName("lifecycle-code"));

        SdkBytes zip = ExamplePackages.zip();
        UpdateFunctionCodeResponse updated =
                lambda.updateFunctionCode(r -> r.functionName("lifecycle-code").zipFile(zip));
        assertEquals(ExamplePackages.sha256(zip), updated.codeSha256());
        assertEquals(zip.asByteArray().length, updated.codeSize());
        assertNotEquals(created.revisionId(), updated.revisionId());
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("lifecycle-code"));

        JsonNode after = Invocations.json(invoke(lambda, "lifecycle-code", "{}"));
        assertNotEquals(before.path("environmentId").asText(), after.path("environmentId").asText(),
                "an environment of the old code served the invoke");
        assertEquals(created.codeSha256(), lambda.getFunctionConfiguration(r -> r.functionName("lifecycle-code:1"))
                .codeSha256(), "a published version must keep its code");
    }

    @Test
    void versionsAndAliases() {
        THAW.createFunction("lifecycle-versions", "example.ContextEcho");
        String arn = functionArn("lifecycle-versions");

        PublishVersionResponse v1 = lambda.publishVersion(r -> r.functionName("lifecycle-versions"));
        assertEquals("1", v1.version());
        assertEquals(arn + ":1", v1.functionArn());
        lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName("lifecycle-versions").qualifier("1"));
        assertEquals("1", lambda.publishVersion(r -> r.functionName("lifecycle-versions")).version(),
                "publishing unchanged code and configuration must return the existing version");

        lambda.updateFunctionConfiguration(r -> r.functionName("lifecycle-versions")
                .environment(e -> e.variables(Map.of("RELEASE", "second"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("lifecycle-versions"));
        assertEquals("2", lambda.publishVersion(r -> r.functionName("lifecycle-versions")).version());
        lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName("lifecycle-versions:2"));
        assertEquals(Map.of("RELEASE", "second"),
                lambda.getFunctionConfiguration(r -> r.functionName("lifecycle-versions:2")).environment().variables());
        EnvironmentResponse v1Environment =
                lambda.getFunctionConfiguration(r -> r.functionName("lifecycle-versions:1")).environment();
        assertTrue(v1Environment == null || v1Environment.variables().isEmpty(),
                "a published version must keep the configuration it was published with: " + v1Environment);
        assertEquals(List.of("$LATEST", "1", "2"), versions("lifecycle-versions"));

        CreateAliasResponse alias =
                lambda.createAlias(r -> r.functionName("lifecycle-versions").name("live").functionVersion("1"));
        assertEquals(arn + ":live", alias.aliasArn());
        assertEquals("1", alias.functionVersion());
        assertThrows(ResourceConflictException.class,
                () -> lambda.createAlias(r -> r.functionName("lifecycle-versions").name("live").functionVersion("2")));
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.createAlias(r -> r.functionName("lifecycle-versions").name("next").functionVersion("9")));
        assertEquals("1", lambda.getAlias(r -> r.functionName("lifecycle-versions").name("live")).functionVersion());
        GetFunctionConfigurationResponse throughAlias =
                lambda.getFunctionConfiguration(r -> r.functionName("lifecycle-versions").qualifier("live"));
        assertEquals(arn + ":live", throughAlias.functionArn(), "the alias's ARN, as Lambda answers");
        assertEquals("1", throughAlias.version());
        assertEquals(arn + ":live", lambda.getFunctionConfiguration(r -> r.functionName("lifecycle-versions:live"))
                .functionArn());
        assertEquals(arn + ":live", lambda.getFunction(r -> r.functionName("lifecycle-versions:live"))
                .configuration().functionArn());
        assertEquals(arn + ":1", lambda.getFunctionConfiguration(r -> r.functionName("lifecycle-versions:1"))
                .functionArn());
        assertThrows(ResourceNotFoundException.class,
                () -> invoke(lambda, "lifecycle-versions", "no-such-alias", "{}"));

        assertExecuted("1", invoke(lambda, "lifecycle-versions", "live", "{}"));
        InvokeResponse throughQualifiedName = invoke(lambda, "lifecycle-versions:live", "{}");
        assertExecuted("1", throughQualifiedName);
        assertEquals(arn + ":live", Invocations.json(throughQualifiedName).path("invokedFunctionArn").asText());
        assertEquals("1", Invocations.json(throughQualifiedName).path("functionVersion").asText());

        lambda.updateAlias(r -> r.functionName("lifecycle-versions").name("live").functionVersion("2"));
        assertExecuted("2", invoke(lambda, "lifecycle-versions", "live", "{}"));
        assertThrows(ResourceConflictException.class,
                () -> lambda.deleteFunction(r -> r.functionName("lifecycle-versions").qualifier("2")),
                "a version an alias points to cannot be deleted");
        assertExecuted("$LATEST", invoke(lambda, "lifecycle-versions", "{}"));
        assertExecuted("$LATEST", invoke(lambda, "lifecycle-versions", "$LATEST", "{}"));
        assertEquals(List.of("live"), lambda.listAliases(r -> r.functionName("lifecycle-versions")).aliases()
                .stream().map(AliasConfiguration::name).toList());

        lambda.deleteAlias(r -> r.functionName("lifecycle-versions").name("live"));
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.getAlias(r -> r.functionName("lifecycle-versions").name("live")));

        lambda.deleteFunction(r -> r.functionName("lifecycle-versions").qualifier("1"));
        assertEquals(List.of("$LATEST", "2"), versions("lifecycle-versions"));
        assertThrows(ResourceNotFoundException.class,
                () -> invoke(lambda, "lifecycle-versions", "1", "{}"));
        assertExecuted("2", invoke(lambda, "lifecycle-versions", "2", "{}"));
    }

    @Test
    void listFunctionsShowsEveryFunctionPageByPage() {
        THAW.createFunction("lifecycle-listed-a", "example.Hello");
        THAW.createFunction("lifecycle-listed-b", "example.Hello");
        ListFunctionsResponse firstPage = lambda.listFunctions(r -> r.maxItems(1));
        assertEquals(1, firstPage.functions().size());
        assertNotNull(firstPage.nextMarker(), "a page cut short by MaxItems must say where the next one starts");

        List<String> names = lambda.listFunctionsPaginator(r -> r.maxItems(1)).functions().stream()
                .map(FunctionConfiguration::functionName).toList();
        assertTrue(names.containsAll(List.of("lifecycle-listed-a", "lifecycle-listed-b")), names::toString);
        assertEquals(names.size(), Set.copyOf(names).size(), () -> "listed twice: " + names);
    }

    @Test
    void deleteFunctionRemovesItAndFreesTheName() {
        THAW.createFunction("lifecycle-deleted", "example.Hello");
        assertThrows(ResourceConflictException.class, () -> THAW.createFunction("lifecycle-deleted", "example.Hello"));
        assertEquals(HELLO_BOB, text(invoke(lambda, "lifecycle-deleted", BOB)));

        lambda.deleteFunction(r -> r.functionName("lifecycle-deleted"));
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunction(r -> r.functionName("lifecycle-deleted")));
        assertThrows(ResourceNotFoundException.class, () -> invoke(lambda, "lifecycle-deleted", BOB));

        // Same name, other handler: a warm environment of the deleted function must not answer.
        THAW.createFunction("lifecycle-deleted", "example.PlainHandlers::count");
        assertEquals("1", text(invoke(lambda, "lifecycle-deleted", BOB)));
    }

    @Test
    void unknownFunctionIsNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunction(r -> r.functionName("no-such-function")));
        assertEquals(404, e.statusCode());
        assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        assertThrows(ResourceNotFoundException.class, () -> invoke(lambda, "no-such-function", BOB));
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunctionConfiguration(r -> r.functionName("no-such-function").qualifier("1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPackages")
    void packageThatCannotBeUnzippedIsRejected(String description, SdkBytes code) {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                () -> THAW.createFunction("lifecycle-bad-zip", "example.Hello", b -> b.code(c -> c.zipFile(code))));
        assertEquals(400, e.statusCode());
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunction(r -> r.functionName("lifecycle-bad-zip")));
    }

    static Stream<Arguments> brokenPackages() {
        return Stream.of(
                Arguments.of("not a zip at all", SdkBytes.fromUtf8String("this is not a zip file")),
                Arguments.of("zip with a damaged entry", ExamplePackages.damagedZip()));
    }

    /** Fetches a URL the way a user follows Code.Location, without credentials. */
    private static SdkBytes download(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), url);
            return SdkBytes.fromByteArray(response.body());
        }
    }

    private List<String> versions(String function) {
        return lambda.listVersionsByFunctionPaginator(r -> r.functionName(function)).versions().stream()
                .map(FunctionConfiguration::version).toList();
    }

    private static void assertExecuted(String version, InvokeResponse response) {
        assertNull(response.functionError(), () -> text(response));
        assertEquals(version, response.executedVersion());
    }
}
