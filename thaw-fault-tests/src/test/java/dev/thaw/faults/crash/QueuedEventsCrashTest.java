package dev.thaw.faults.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.faults.ServerProcess;
import dev.thaw.it.ExamplePackages;
import dev.thaw.it.LambdaClients;
import dev.thaw.it.ThawServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** An Event invocation the server accepted is not lost when the server is killed during its attempt. */
class QueuedEventsCrashTest {

    private static final String FUNCTION = "queued-crash";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private ServerProcess server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anEventAcceptedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        Path root = Files.createDirectories(Path.of(System.getProperty("thaw.it.data-root", "target/fault-data")));
        Path dataDir = Files.createTempDirectory(root, "queued-");
        Path log = root.resolve(dataDir.getFileName() + ".log");
        server = ServerProcess.start(dataDir, log, List.of());
        LambdaClient client = server.client();
        client.createFunction(r -> r.functionName(FUNCTION).runtime(ThawServerExtension.RUNTIME)
                .role(ThawServerExtension.ROLE).handler("example.Logging").memorySize(256).timeout(30)
                .code(c -> c.zipFile(ExamplePackages.jar())));
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(FUNCTION));

        InvokeResponse accepted = client.invoke(r -> r.functionName(FUNCTION).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"marker\":\"queued-before-kill\",\"millis\":20000}")));
        assertEquals(202, accepted.statusCode());
        String requestId = accepted.responseMetadata().requestId();
        // Its first attempt has begun (the marker is logged) when the server dies.
        awaitLogged("stdout queued-before-kill");
        server.kill();

        server = ServerProcess.start(dataDir, log, List.of());
        awaitLogged("REPORT RequestId: " + requestId);
    }

    private void awaitLogged(String text) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (CloudWatchLogsClient logs = LambdaClients.logsForEndpoint(server.endpoint(), server.credentialsFile())) {
            while (!logged(logs, text)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not logged within " + PATIENCE + ": " + text);
                }
                Thread.sleep(250);
            }
        }
    }

    private static boolean logged(CloudWatchLogsClient logs, String text) {
        try {
            return !logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + FUNCTION)
                    .filterPattern("\"" + text + "\"")).events().isEmpty();
        } catch (ResourceNotFoundException e) {
            // The group appears with its first event.
            return false;
        }
    }
}
