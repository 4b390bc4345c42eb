package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.Invocations.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Layers as Java users share dependencies with them: published with the SDK and the CLI, listed, fetched, permitted
 * and deleted; a function whose dependencies are only in a layer runs from it, on demand and restored from a
 * snapshot, with the layers merged read-only at /opt in the order the function lists them.
 */
class LayersTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private final LambdaClient lambda = THAW.client();

    @TempDir
    Path workDir;

    @Test
    void aFunctionWhoseDependenciesAreInALayerRunsFromIt() throws IOException {
        Packages packages = Packages.split(ExamplePackages.zipPath());
        String deps = publish("it-deps", packages.dependencies("deps")).layerVersionArn();
        String config = publish("it-config", zip(Map.of("etc/greeting.txt", "config"))).layerVersionArn();

        // Without the layer the handler's event classes are missing; with it, they load from /opt/java/lib.
        THAW.createFunction("layers-none", "example.ApiGatewayHandler",
                request -> request.code(c -> c.zipFile(packages.classesOnly())));
        InvokeResponse missing = invoke(lambda, "layers-none", "{\"httpMethod\":\"GET\",\"path\":\"/\"}");
        assertEquals("Unhandled", missing.functionError(), missing.payload().asUtf8String());

        THAW.createFunction("layers-api", "example.ApiGatewayHandler",
                request -> request.code(c -> c.zipFile(packages.classesOnly())).layers(deps, config));
        InvokeResponse greeted = invoke(lambda, "layers-api",
                "{\"httpMethod\":\"GET\",\"path\":\"/hi\",\"queryStringParameters\":{\"name\":\"Ada\"}}");
        assertNull(greeted.functionError(), greeted.payload().asUtf8String());
        assertEquals("GET /hi: Hello, Ada!", json(greeted).path("body").asText());
        List<Layer> layers = lambda.getFunction(r -> r.functionName("layers-api")).configuration().layers();
        assertEquals(List.of(deps, config), layers.stream().map(Layer::arn).toList());
        assertEquals(packages.dependencies("deps").asByteArray().length, layers.getFirst().codeSize());

        // A later layer's file replaces an earlier one's; /opt cannot be written.
        THAW.createFunction("layers-files", "example.Hostile",
                request -> request.code(c -> c.zipFile(packages.classesOnly())).layers(deps, config));
        JsonNode read = json(invoke(lambda, "layers-files",
                "{\"attempt\":\"read-file\",\"path\":\"/opt/etc/greeting.txt\"}"));
        assertTrue(read.path("escaped").asBoolean(), read.toString());
        assertEquals("config".length(), read.path("bytes").asInt(), read.toString());
        JsonNode written = json(invoke(lambda, "layers-files",
                "{\"attempt\":\"write-file\",\"path\":\"/opt/etc/greeting.txt\"}"));
        assertFalse(written.path("escaped").asBoolean(), written.toString());
    }

    @Test
    void aSnapStartVersionPinsItsLayersAndRestoresWithThem() throws IOException {
        Packages packages = Packages.split(ExamplePackages.zipPath());
        String deps = publish("it-snap-deps", packages.dependencies("snap")).layerVersionArn();
        String first = publish("it-snap-config", zip(Map.of("etc/greeting.txt", "first"))).layerVersionArn();
        String second = publish("it-snap-config", zip(Map.of("etc/greeting.txt", "second"))).layerVersionArn();
        assertTrue(second.endsWith(":2"), second);
        THAW.createFunction("layers-snap", "example.Hostile", request -> request
                .code(c -> c.zipFile(packages.classesOnly())).layers(deps, first)
                .snapStart(s -> s.applyOn("PublishedVersions")));
        String version = lambda.publishVersion(r -> r.functionName("layers-snap")).version();
        SnapStartVersions.awaitActive(lambda, "layers-snap", version);
        SnapStartVersions.assumeSnapStartAvailable(SnapStartVersions.configuration(lambda, "layers-snap", version));

        lambda.updateFunctionConfiguration(r -> r.functionName("layers-snap").layers(deps, second));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("layers-snap"));
        assertEquals(List.of(deps, first), SnapStartVersions.configuration(lambda, "layers-snap", version)
                .layers().stream().map(Layer::arn).toList());
        String event = "{\"attempt\":\"read-file\",\"path\":\"/opt/etc/greeting.txt\"}";
        assertEquals("first".length(), json(invoke(lambda, "layers-snap", version, event)).path("bytes").asInt());
        assertEquals("second".length(), json(invoke(lambda, "layers-snap", event)).path("bytes").asInt());

        // The version keeps its layers' files after they are deleted, as Lambda's functions keep theirs.
        lambda.deleteLayerVersion(r -> r.layerName("it-snap-config").versionNumber(1L));
        THAW.restart();
        LambdaClient restarted = THAW.client();
        assertEquals("first".length(),
                json(invoke(restarted, "layers-snap", version, event)).path("bytes").asInt());
        assertThrows(ResourceNotFoundException.class,
                () -> restarted.getLayerVersion(r -> r.layerName("it-snap-config").versionNumber(1L)));
    }

    @Test
    void layerVersionsAreListedFetchedAndDeletedAsLambdaDoes() throws Exception {
        byte[] one = zip(Map.of("notes/one.txt", "one")).asByteArray();
        PublishLayerVersionResponse v1 = lambda.publishLayerVersion(r -> r.layerName("it-list")
                .description("first").content(c -> c.zipFile(SdkBytes.fromByteArray(one)))
                .compatibleRuntimes(Runtime.JAVA17, Runtime.JAVA21).compatibleArchitectures(Architecture.X86_64)
                .licenseInfo("MIT"));
        assertEquals(1L, v1.version());
        assertEquals(ThawServerExtension.functionArn("x").replace(":function:x", ":layer:it-list"), v1.layerArn());
        assertEquals(v1.layerArn() + ":1", v1.layerVersionArn());
        assertEquals(ExamplePackages.sha256(SdkBytes.fromByteArray(one)), v1.content().codeSha256());
        assertEquals(one.length, v1.content().codeSize());
        assertArrayEquals(one, download(v1.content().location()));
        SdkBytes two = zip(Map.of("notes/two.txt", "two"));
        PublishLayerVersionResponse v2 = lambda.publishLayerVersion(r -> r.layerName("it-list")
                .content(c -> c.zipFile(two)).compatibleRuntimes(Runtime.JAVA21));

        var byArn = lambda.getLayerVersionByArn(r -> r.arn(v1.layerVersionArn()));
        assertEquals("first", byArn.description());
        assertEquals("MIT", byArn.licenseInfo());
        assertEquals(List.of(Runtime.JAVA17, Runtime.JAVA21), byArn.compatibleRuntimes());
        assertEquals(v1.createdDate(), lambda.getLayerVersion(r -> r.layerName(v1.layerArn()).versionNumber(1L))
                .createdDate());

        assertEquals(List.of(2L, 1L), lambda.listLayerVersions(r -> r.layerName("it-list")).layerVersions()
                .stream().map(LayerVersionsListItem::version).toList());
        assertEquals(List.of(1L), lambda.listLayerVersions(r -> r.layerName("it-list")
                .compatibleRuntime(Runtime.JAVA17)).layerVersions().stream().map(LayerVersionsListItem::version)
                .toList());
        LayersListItem listed = lambda.listLayersPaginator(r -> r.maxItems(1)).layers().stream()
                .filter(layer -> layer.layerName().equals("it-list")).findFirst().orElseThrow();
        assertEquals(v2.layerVersionArn(), listed.latestMatchingVersion().layerVersionArn());
        assertEquals(v1.layerVersionArn(), lambda.listLayers(r -> r.compatibleRuntime(Runtime.JAVA17)).layers()
                .stream().filter(layer -> layer.layerName().equals("it-list")).findFirst().orElseThrow()
                .latestMatchingVersion().layerVersionArn());

        lambda.deleteLayerVersion(r -> r.layerName("it-list").versionNumber(2L));
        lambda.deleteLayerVersion(r -> r.layerName("it-list").versionNumber(2L));
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.getLayerVersion(r -> r.layerName("it-list").versionNumber(2L)));
        // Numbers are never used twice.
        assertEquals(3L, lambda.publishLayerVersion(r -> r.layerName("it-list")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(one)))).version());
    }

    @Test
    void aFunctionsLayersAreChecked() throws IOException {
        String arn = publish("it-checked", zip(Map.of("a.txt", "a"))).layerVersionArn();
        String other = publish("it-checked", zip(Map.of("b.txt", "b"))).layerVersionArn();
        InvalidParameterValueException missing = assertThrows(InvalidParameterValueException.class,
                () -> THAW.createFunction("layers-missing", "example.Hello", r -> r.layers(arn.replace(":1", ":9"))));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        assertThrows(InvalidParameterValueException.class,
                () -> THAW.createFunction("layers-twice", "example.Hello", r -> r.layers(arn, other)));
        assertThrows(InvalidParameterValueException.class,
                () -> THAW.createFunction("layers-many", "example.Hello", r -> r.layers(List.of(arn,
                        layerArn("b", 1), layerArn("c", 1), layerArn("d", 1), layerArn("e", 1), layerArn("f", 1)))));
        InvalidParameterValueException badZip = assertThrows(InvalidParameterValueException.class,
                () -> lambda.publishLayerVersion(r -> r.layerName("it-bad")
                        .content(c -> c.zipFile(ExamplePackages.damagedZip()))));
        assertTrue(badZip.getMessage().contains("unzip"), badZip.getMessage());
        assertEquals(List.of(), lambda.listLayerVersions(r -> r.layerName("it-bad")).layerVersions());
    }

    @Test
    void theCliPublishesPermitsAndDeletes() throws IOException {
        assumeTrue(AwsCli.installed(), "the AWS CLI is not installed");
        AwsCli cli = THAW.awsCli(workDir);
        Path zip = Files.write(workDir.resolve("layer.zip"), zip(Map.of("java/lib/readme.txt", "x")).asByteArray());
        JsonNode published = cli.succeed("publish-layer-version", "--layer-name", "it-cli",
                "--zip-file", "fileb://" + zip, "--compatible-runtimes", "java21",
                "--compatible-architectures", "x86_64").json();
        assertEquals(1, published.path("Version").asInt());
        assertEquals(Files.size(zip), published.path("Content").path("CodeSize").asLong());

        JsonNode statement = cli.succeed("add-layer-version-permission", "--layer-name", "it-cli",
                "--version-number", "1", "--statement-id", "everyone", "--action", "lambda:GetLayerVersion",
                "--principal", "*").json();
        JsonNode parsed = Json.parse(statement.path("Statement").asText());
        assertEquals("everyone", parsed.path("Sid").asText());
        assertEquals(published.path("LayerVersionArn").asText(), parsed.path("Resource").asText());
        cli.failWith("ResourceConflictException", "add-layer-version-permission", "--layer-name", "it-cli",
                "--version-number", "1", "--statement-id", "everyone", "--action", "lambda:GetLayerVersion",
                "--principal", "*");
        JsonNode policy = Json.parse(cli.succeed("get-layer-version-policy", "--layer-name", "it-cli",
                "--version-number", "1").json().path("Policy").asText());
        assertEquals("lambda:GetLayerVersion", policy.path("Statement").path(0).path("Action").asText());
        cli.succeed("remove-layer-version-permission", "--layer-name", "it-cli", "--version-number", "1",
                "--statement-id", "everyone");
        cli.failWith("ResourceNotFoundException", "get-layer-version-policy", "--layer-name", "it-cli",
                "--version-number", "1");

        JsonNode listed = cli.succeed("list-layers").json();
        assertTrue(listed.path("Layers").toString().contains("it-cli"), listed.toString());
        cli.succeed("delete-layer-version", "--layer-name", "it-cli", "--version-number", "1");
        cli.failWith("ResourceNotFoundException", "get-layer-version", "--layer-name", "it-cli",
                "--version-number", "1");
    }

    private PublishLayerVersionResponse publish(String name, SdkBytes zip) {
        return lambda.publishLayerVersion(r -> r.layerName(name).content(c -> c.zipFile(zip)));
    }

    private static String layerArn(String name, int version) {
        return ThawServerExtension.functionArn("x").replace(":function:x", ":layer:" + name + ":" + version);
    }

    private static byte[] download(String location) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            return response.body();
        }
    }

    private static SdkBytes zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    /** The example zip cut in two, as users split a function from its dependencies. */
    private record Packages(byte[] classes, Map<String, byte[]> jars) {

        static Packages split(Path exampleZip) throws IOException {
            ByteArrayOutputStream classes = new ByteArrayOutputStream();
            Map<String, byte[]> jars = new TreeMap<>();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(exampleZip));
                 ZipOutputStream out = new ZipOutputStream(classes)) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.getName().startsWith("lib/")) {
                        if (!entry.isDirectory()) {
                            jars.put(entry.getName().substring("lib/".length()), in.readAllBytes());
                        }
                    } else {
                        out.putNextEntry(new ZipEntry(entry.getName()));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
            return new Packages(classes.toByteArray(), jars);
        }

        SdkBytes classesOnly() {
            return SdkBytes.fromByteArray(classes);
        }

        /** A layer of the dependency jars under java/lib/, and an etc/greeting.txt that later layers replace. */
        SdkBytes dependencies(String greeting) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
                    out.putNextEntry(new ZipEntry("java/lib/" + jar.getKey()));
                    out.write(jar.getValue());
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry("etc/greeting.txt"));
                out.write(greeting.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return SdkBytes.fromByteArray(bytes.toByteArray());
        }
    }
}
