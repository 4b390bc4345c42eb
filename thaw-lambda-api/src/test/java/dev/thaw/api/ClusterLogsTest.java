package dev.thaw.api;

import dev.thaw.api.auth.RequestHead;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.controlplane.logs.LogsSource;
import dev.thaw.worker.logs.FunctionLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes that give other servers this server's logs: its own part, and only function log groups. */
class ClusterLogsTest {

    @TempDir
    Path dir;

    @Test
    void aServersPartIsServedByFunctionNameAndNothingElseIsReached() throws Exception {
        FunctionLogs logs = new FunctionLogs(dir.resolve("logs"), Clock.systemUTC(), OptionalInt.empty());
        logs.stream("fn", "$LATEST", "aaaa").output("START one\n");
        // A directory beside the logs that looks like a group: a name that walks out of them must not reach it.
        Files.createDirectories(dir.resolve("outside"));
        ClusterLogs cluster = new ClusterLogs(LogsSource.local(logs), null, null);

        String streams = new String(call(cluster, "ClusterLogStreams", "fn").body());
        assertTrue(streams.contains("[$LATEST]aaaa"), streams);
        for (String name : List.of("..", "../outside", "fn/..", "")) {
            assertThrows(LambdaException.class, () -> call(cluster, "ClusterLogStreams", name), name);
            assertThrows(LambdaException.class, () -> call(cluster, "ClusterLogRetention", name), name);
        }
        assertFalse(Files.exists(dir.resolve("outside/settings.json")));
    }

    private static ApiResponse call(ClusterLogs cluster, String operation, String function) {
        Route route = cluster.routes().stream().filter(r -> r.operation().equals(operation)).findFirst()
                .orElseThrow();
        return route.handler().handle(new ApiRequest("id", Map.of("FunctionName", function), Map.of(),
                new RequestHead(route.method(), "/", "", Map.of()), "{\"RetentionInDays\":7}".getBytes(), null));
    }
}
