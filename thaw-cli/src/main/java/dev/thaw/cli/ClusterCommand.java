package dev.thaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** {@code thaw cluster status}: the servers sharing a metadata database, as one of them sees them. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "The servers sharing a database.")
final class ClusterCommand {

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Every server registered in the database: its address, when it started, its last "
                    + "heartbeat, whether its lease still runs, how many functions it owns and, for a live one, "
                    + "its environments, its L1 cache and its prepared (decrypted) snapshots.")
    int status(@Option(names = "--endpoint", defaultValue = "http://127.0.0.1:9400",
                       description = "Any of the servers (default: ${DEFAULT-VALUE}).") URI endpoint,
               @Mixin ClientOptions client) throws IOException, InterruptedException {
        Optional<JsonNode> answer = OperatorCall.get(client, endpoint, "/thaw/cluster/nodes", "thaw cluster status");
        if (answer.isEmpty()) {
            return 1;
        }
        JsonNode body = answer.get();
        System.out.printf("%-32s %-6s %-40s %-24s %-24s %9s %12s %8s %8s%n", "node", "lease", "address", "started",
                "last heartbeat", "functions", "environments", "L1 MiB", "ready MiB");
        for (JsonNode node : body.path("Nodes")) {
            JsonNode holds = node.path("Holds");
            System.out.printf("%-32s %-6s %-40s %-24s %-24s %9d %12s %8s %8s%n",
                    node.path("NodeId").asText() + (node.path("Self").asBoolean() ? " *" : ""),
                    node.path("Alive").asBoolean() ? "live" : "gone", node.path("Address").asText(),
                    node.path("Started").asText(), node.path("Heartbeat").asText(), node.path("Functions").size(),
                    figure(holds, "Environments", 1), figure(holds, "LocalCacheBytes", MIB),
                    figure(holds, "PreparedSnapshotBytes", MIB));
        }
        return 0;
    }

    private static final long MIB = 1024 * 1024;

    /** A server's figure in {@code unit}s, or "-" when it did not say (gone, or out of reach). */
    private static String figure(JsonNode holds, String name, long unit) {
        JsonNode value = holds.path(name);
        return value.isNumber() ? Long.toString(value.asLong() / unit) : "-";
    }
}
