package dev.thaw.cli;

import dev.thaw.api.client.SignedHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a server on a scratch data directory, deploys the bundled example function with SnapStart through the
 * Lambda API (the same requests the AWS CLI sends), invokes $LATEST (cold on demand, then warm), publishes a
 * version, waits for its snapshot and invokes it (a cold start restored from the snapshot, then warm), printing
 * responses and REPORT lines.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a server, deploy the example function with SnapStart, invoke it on demand and "
                + "restored from its snapshot, and print the REPORT lines.")
final class DemoCommand implements Callable<Integer> {

    private static final String FUNCTION = "hello";

    @Option(names = "--function-package", description = "Deployment package to deploy (default: the bundled example).")
    Path functionPackage;

    @Option(names = "--invocations", defaultValue = "3", description = "How many times to invoke (the first is cold).")
    int invocations;

    private final ObjectMapper json = new ObjectMapper();
    private SignedHttpClient http;

    @Override
    public Integer call() throws Exception {
        Path zip = functionPackage != null ? functionPackage : bundledExample();
        Path dataDir = Files.createTempDirectory("thaw-demo");
        try (ThawServer server = ThawServer.start(ServerOptions.defaults(dataDir).withPort(0).withUrlPort(0));
             SignedHttpClient signed = new SignedHttpClient(server.accessKeys().primary())) {
            http = signed;
            URI functions = server.endpoint().resolve("/2015-03-31/functions");
            System.out.printf("Thaw server listening on %s (data in %s, requests signed with the key in %s)%n",
                    server.endpoint(), dataDir, server.credentialsFile());

            System.out.printf("%n$ aws lambda create-function --function-name %s --runtime java21 --handler example.Hello::handleRequest"
                    + " --zip-file fileb://%s --role arn:aws:iam::000000000000:role/lambda-ex"
                    + " --snap-start ApplyOn=PublishedVersions --endpoint-url %s%n", FUNCTION, zip, server.endpoint());
            JsonNode created = send("POST", functions, json.writeValueAsBytes(Map.of(
                    "FunctionName", FUNCTION,
                    "Runtime", "java21",
                    "Handler", "example.Hello::handleRequest",
                    "Role", "arn:aws:iam::000000000000:role/lambda-ex",
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "Code", Map.of("ZipFile", Base64.getEncoder().encodeToString(Files.readAllBytes(zip))))));
            System.out.printf("created %s (State %s, CodeSize %s)%n", created.path("FunctionArn").asText(),
                    created.path("State").asText(), created.path("CodeSize").asText());

            URI function = functions.resolve("functions/" + FUNCTION + "/");
            invokeSeveral(function, FUNCTION, "cold start on demand: a JVM starts and runs init");

            System.out.printf("%n$ aws lambda publish-version --function-name %s%n", FUNCTION);
            JsonNode published = send("POST", function.resolve("versions"), new byte[0]);
            String version = published.path("Version").asText();
            System.out.printf("version %s: State %s, SnapStart OptimizationStatus %s%n", version,
                    published.path("State").asText(), published.path("SnapStart").path("OptimizationStatus").asText());
            System.out.printf("%n$ aws lambda wait published-version-active --function-name %s --qualifier %s%n",
                    FUNCTION, version);
            JsonNode active = awaitSnapshot(function, version);
            if (!"Active".equals(active.path("State").asText())) {
                System.out.printf("version %s: State %s (%s): %s%n", version, active.path("State").asText(),
                        active.path("StateReasonCode").asText(), active.path("StateReason").asText());
                return 1;
            }
            System.out.printf("version %s: State Active, its snapshot is ready%n", version);
            invokeSeveral(function, FUNCTION + ":" + version, "cold start restored from the snapshot");
            return 0;
        } finally {
            deleteTree(dataDir);
        }
    }

    /** Invokes {@code qualified} ({@code name[:version]}) several times; the first is a cold start. */
    private void invokeSeveral(URI function, String qualified, String coldStart)
            throws IOException, InterruptedException {
        String qualifier = qualified.contains(":") ? "?Qualifier=" + qualified.substring(qualified.indexOf(':') + 1)
                : "";
        for (int i = 1; i <= invocations; i++) {
            String payload = "{\"name\":\"Bob\"}";
            System.out.printf("%n$ aws lambda invoke --function-name %s --payload '%s' --log-type Tail out.json   # %s%n",
                    qualified, payload, i == 1 ? coldStart : "warm");
            HttpResponse<String> response = http.send("POST", function.resolve("invocations" + qualifier),
                    Map.of("X-Amz-Log-Type", "Tail"), payload.getBytes(StandardCharsets.UTF_8),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("response: " + response.body());
            String log = response.headers().firstValue("X-Amz-Log-Result")
                    .map(b64 -> new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8)).orElse("");
            log.lines().filter(line -> line.startsWith("REPORT")).forEach(System.out::println);
        }
    }

    /** Polls the version's configuration until it leaves Pending, as the published-version-active waiter does. */
    private JsonNode awaitSnapshot(URI function, String version) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            JsonNode config = send("GET", function.resolve("configuration?Qualifier=" + version), new byte[0]);
            if (!"Pending".equals(config.path("State").asText()) || System.nanoTime() > giveUp) {
                return config;
            }
            Thread.sleep(100);
        }
    }

    private static Path bundledExample() {
        Path jar = Path.of(System.getProperty("thaw.home", "."), "thaw-examples", "target", "thaw-examples-function.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("example function not built: " + jar + " (run ./thaw demo from the project root)");
        }
        return jar;
    }

    private JsonNode send(String method, URI uri, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(method, uri, Map.of("Content-Type", "application/json"), body,
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
