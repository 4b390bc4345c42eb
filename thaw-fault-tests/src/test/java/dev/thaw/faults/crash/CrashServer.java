package dev.thaw.faults.crash;

import dev.thaw.faults.ServerProcess;
import dev.thaw.it.LambdaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The server process of a crash test, on a data directory of its own: started, killed and started again on the
 * same directory as the test goes; stopped after it.
 */
final class CrashServer implements AfterEachCallback {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Path dataDir;
    private Path log;
    private ServerProcess server;

    /** Starts a server on a new data directory named after {@code prefix}. */
    ServerProcess start(String prefix) throws IOException, InterruptedException {
        Path root = Files.createDirectories(Path.of(System.getProperty("thaw.it.data-root", "target/fault-data")));
        dataDir = Files.createTempDirectory(root, prefix + "-");
        log = root.resolve(dataDir.getFileName() + ".log");
        return restart();
    }

    /** Starts a server on the data directory again (the last one was killed). */
    ServerProcess restart() throws IOException, InterruptedException {
        server = ServerProcess.start(dataDir, log, List.of());
        return server;
    }

    ServerProcess server() {
        return server;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The server's own log: what it wrote from {@code from} (a byte offset) on contains {@code text}, soon. */
    void awaitInLog(long from, String text) throws IOException, InterruptedException {
        await(() -> {
            byte[] bytes = Files.readAllBytes(log);
            return new String(bytes, (int) from, bytes.length - (int) from).contains(text);
        }, "the server did not log: " + text);
    }

    long logSize() throws IOException {
        return Files.size(log);
    }

    /** Until the function's log group holds an event with {@code text}, through the Logs API. */
    void awaitLogged(String function, String text) throws IOException, InterruptedException {
        try (CloudWatchLogsClient logs = LambdaClients.logsForEndpoint(server.endpoint(), server.credentialsFile())) {
            await(() -> {
                try {
                    return !logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + function)
                            .filterPattern("\"" + text + "\"")).events().isEmpty();
                } catch (ResourceNotFoundException e) {
                    // The group appears with its first event.
                    return false;
                }
            }, "not logged by " + function + ": " + text);
        }
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void await(Condition condition, String failure) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure + " (within " + PATIENCE + ")");
            }
            Thread.sleep(25);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }
}
