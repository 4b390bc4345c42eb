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
                    + "heartbeat, whether its lease still runs and how many functions it owns.")
    int status(@Option(names = "--endpoint", defaultValue = "http://127.0.0.1:9400",
                       description = "Any of the servers (default: ${DEFAULT-VALUE}).") URI endpoint,
               @Mixin ClientOptions client) throws IOException, InterruptedException {
        Optional<JsonNode> answer = OperatorCall.get(client, endpoint, "/thaw/cluster/nodes", "thaw cluster status");
        if (answer.isEmpty()) {
            return 1;
        }
        JsonNode body = answer.get();
        System.out.printf("%-32s %-6s %-40s %-24s %-24s %s%n", "node", "lease", "address", "started",
                "last heartbeat", "functions");
        for (JsonNode node : body.path("Nodes")) {
            System.out.printf("%-32s %-6s %-40s %-24s %-24s %d%n",
                    node.path("NodeId").asText() + (node.path("Self").asBoolean() ? " *" : ""),
                    node.path("Alive").asBoolean() ? "live" : "gone", node.path("Address").asText(),
                    node.path("Started").asText(), node.path("Heartbeat").asText(), node.path("Functions").size());
        }
        return 0;
    }
}
