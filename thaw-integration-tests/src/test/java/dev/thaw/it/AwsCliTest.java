package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The user's view: the real AWS CLI v2 driving Thaw, command by command. */
@EnabledIf(value = "dev.thaw.it.AwsCli#installed", disabledReason = "AWS CLI v2 not installed (see -Dthaw.aws.cli)")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AwsCliTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    @TempDir
    static Path workDir;

    private static AwsCli aws;

    @BeforeAll
    static void pointCliAtServer() {
        aws = THAW.awsCli(workDir);
    }

    @Test
    void lifecycleThroughTheCli() throws IOException {
        createFunction("cli-fn");
        aws.succeed("wait", "function-active-v2", "--function-name", "cli-fn");
        JsonNode latest = aws.succeed("get-function-configuration", "--function-name", "cli-fn").json();
        assertEquals("Active", latest.path("State").asText());
        assertEquals("example.Hello::handleRequest", latest.path("Handler").asText());

        JsonNode updated = aws.succeed("update-function-configuration", "--function-name", "cli-fn",
                "--description", "from the cli", "--environment", "Variables={GREETING=hi}").json();
        assertEquals("from the cli", updated.path("Description").asText());
        aws.succeed("wait", "function-updated-v2", "--function-name", "cli-fn");

        assertEquals("1", aws.succeed("publish-version", "--function-name", "cli-fn").json().path("Version").asText());
        aws.succeed("wait", "published-version-active", "--function-name", "cli-fn", "--qualifier", "1");
        assertVersionOne(aws.succeed("get-function-configuration", "--function-name", "cli-fn", "--qualifier", "1"));
        assertVersionOne(aws.succeed("get-function-configuration", "--function-name", "cli-fn:1"));

        JsonNode alias = aws.succeed("create-alias", "--function-name", "cli-fn", "--name", "live",
                "--function-version", "1").json();
        assertEquals(ThawServerExtension.functionArn("cli-fn") + ":live", alias.path("AliasArn").asText());
        for (List<String> throughAlias : List.of(List.of("--function-name", "cli-fn", "--qualifier", "live"),
                List.of("--function-name", "cli-fn:live"))) {
            List<String> command = new ArrayList<>(List.of("get-function-configuration"));
            command.addAll(throughAlias);
            JsonNode configuration = aws.succeed(command.toArray(String[]::new)).json();
            assertEquals(ThawServerExtension.functionArn("cli-fn") + ":live", configuration.path("FunctionArn")
                    .asText(), throughAlias::toString);
            assertEquals("1", configuration.path("Version").asText());
        }

        JsonNode invoked = invoke("hello.json", "--function-name", "cli-fn", "--qualifier", "live",
                "--log-type", "Tail");
        assertEquals(200, invoked.path("StatusCode").asInt());
        assertEquals("1", invoked.path("ExecutedVersion").asText());
        assertEquals("\"Hello, Bob!\"", Files.readString(workDir.resolve("hello.json")));
        String log = Invocations.tailLog(invoked.path("LogResult").asText());
        assertTrue(log.contains("START RequestId:") && log.contains("END RequestId:")
                && log.contains("REPORT RequestId:"), log);

        assertEquals(202, invoke("event.json", "--function-name", "cli-fn", "--invocation-type", "Event")
                .path("StatusCode").asInt());
        assertEquals(204, invoke("dry-run.json", "--function-name", "cli-fn", "--invocation-type", "DryRun")
                .path("StatusCode").asInt());

        List<String> functions = new ArrayList<>();
        aws.succeed("list-functions").json().path("Functions")
                .forEach(f -> functions.add(f.path("FunctionName").asText()));
        assertTrue(functions.contains("cli-fn"), functions::toString);
        List<String> versions = new ArrayList<>();
        aws.succeed("list-versions-by-function", "--function-name", "cli-fn").json().path("Versions")
                .forEach(v -> versions.add(v.path("Version").asText()));
        assertEquals(List.of("$LATEST", "1"), versions);

        assertEquals(3, aws.succeed("put-function-concurrency", "--function-name", "cli-fn",
                "--reserved-concurrent-executions", "3").json().path("ReservedConcurrentExecutions").asInt());
        assertEquals(3, aws.succeed("get-function-concurrency", "--function-name", "cli-fn").json()
                .path("ReservedConcurrentExecutions").asInt());

        aws.succeed("delete-function", "--function-name", "cli-fn");
        aws.failWith("ResourceNotFoundException", "get-function-configuration", "--function-name", "cli-fn");
    }

    @Test
    void errorsExitNonZeroWithTheErrorCode() throws IOException {
        aws.failWith("ResourceNotFoundException", "get-function", "--function-name", "cli-missing");
        aws.failWith("ResourceNotFoundException", "invoke", "--function-name", "cli-missing",
                workDir.resolve("missing.json").toString());
        aws.failWith("ResourceNotFoundException", "get-function-configuration", "--function-name", "cli-missing:7");

        Path damaged = Files.write(workDir.resolve("damaged.zip"), ExamplePackages.damagedZip().asByteArray());
        aws.failWith("InvalidParameterValueException", "create-function", "--function-name", "cli-bad-zip",
                "--runtime", ThawServerExtension.RUNTIME, "--role", ThawServerExtension.ROLE,
                "--handler", "example.Hello", "--zip-file", "fileb://" + damaged);

        createFunction("cli-existing");
        aws.failWith("ResourceConflictException", "create-function", "--function-name", "cli-existing",
                "--runtime", ThawServerExtension.RUNTIME, "--role", ThawServerExtension.ROLE,
                "--handler", "example.Hello", "--zip-file", "fileb://" + ExamplePackages.jarPath().toAbsolutePath());
        aws.succeed("put-function-concurrency", "--function-name", "cli-existing",
                "--reserved-concurrent-executions", "0");
        aws.failWith("TooManyRequestsException", "invoke", "--function-name", "cli-existing",
                workDir.resolve("throttled.json").toString());
    }

    /** The walk-through of the design notes, with SnapStart: publish, wait, restore-backed invoke. */
    @Test
    void snapStartWalkThrough() throws IOException {
        createFunction("cli-snap", "--snap-start", "ApplyOn=PublishedVersions");
        aws.succeed("wait", "function-active-v2", "--function-name", "cli-snap");
        JsonNode published = aws.succeed("publish-version", "--function-name", "cli-snap").json();
        assertEquals("1", published.path("Version").asText());
        assertEquals("Pending", published.path("State").asText(), published::toString);

        AwsCli.Result waited = aws.lambda("wait", "published-version-active", "--function-name", "cli-snap:1");
        JsonNode version = aws.succeed("get-function-configuration", "--function-name", "cli-snap:1").json();
        SnapStartVersions.assumeSnapStartAvailable(version.path("State").asText(),
                version.path("StateReason").asText());
        assertEquals(0, waited.exitCode(), waited::toString);
        assertEquals("Active", version.path("State").asText());
        assertEquals("PublishedVersions", version.path("SnapStart").path("ApplyOn").asText(), version::toString);
        assertEquals("On", version.path("SnapStart").path("OptimizationStatus").asText(), version::toString);

        JsonNode invoked = invoke("hello-snap.json", "--function-name", "cli-snap:1", "--log-type", "Tail");
        assertEquals("\"Hello, Bob!\"", Files.readString(workDir.resolve("hello-snap.json")));
        String log = Invocations.tailLog(invoked.path("LogResult").asText());
        assertTrue(log.contains("Restore Duration:"), log);
        assertFalse(log.contains("Init Duration:"), log);
    }

    /** Creates a Hello function from the example jar, with any extra create-function options. */
    private static void createFunction(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("create-function", "--function-name", name,
                "--runtime", ThawServerExtension.RUNTIME, "--role", ThawServerExtension.ROLE,
                "--handler", "example.Hello::handleRequest",
                "--zip-file", "fileb://" + ExamplePackages.jarPath().toAbsolutePath()));
        args.addAll(List.of(options));
        assertEquals(name, aws.succeed(args.toArray(String[]::new)).json().path("FunctionName").asText());
    }

    /** Invokes with the demo payload, the response going to {@code outFile} in the work directory. */
    private static JsonNode invoke(String outFile, String... options) {
        List<String> args = new ArrayList<>(List.of("invoke", "--payload", "{\"name\":\"Bob\"}",
                "--cli-binary-format", "raw-in-base64-out"));
        args.addAll(List.of(options));
        args.add(workDir.resolve(outFile).toString());
        return aws.succeed(args.toArray(String[]::new)).json();
    }

    private static void assertVersionOne(AwsCli.Result result) {
        JsonNode version = result.json();
        assertEquals("1", version.path("Version").asText());
        assertEquals("from the cli", version.path("Description").asText());
        assertEquals("hi", version.path("Environment").path("Variables").path("GREETING").asText());
    }
}
