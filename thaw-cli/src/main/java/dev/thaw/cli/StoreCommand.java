package dev.thaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.store.SnapshotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code thaw store stats | rotate-master-key}: the snapshot store seen and kept by its operator. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Inspect or maintain the snapshot store.")
final class StoreCommand {

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Per function: snapshots, raw and stored bytes, dedup and compression ratios, bytes per "
                    + "tier, as a running server sees them.")
    int stats(@Option(names = "--endpoint", defaultValue = "http://127.0.0.1:9400",
                      description = "The server (default: ${DEFAULT-VALUE}).") URI endpoint,
              @Mixin ClientOptions client) throws IOException, InterruptedException {
        Optional<JsonNode> answer = OperatorCall.get(client, endpoint, "/thaw/store/stats", "thaw store stats");
        if (answer.isEmpty()) {
            return 1;
        }
        JsonNode body = answer.get();
        System.out.printf("%-24s %9s %12s %12s %7s %7s  %s%n", "function", "snapshots", "raw MiB", "stored MiB",
                "dedup", "zstd", "tiers (MiB)");
        for (JsonNode function : body.path("Functions")) {
            StringBuilder tiers = new StringBuilder();
            for (Map.Entry<String, JsonNode> tier : function.path("TierBytes").properties()) {
                tiers.append(tier.getKey()).append('=').append(mib(tier.getValue().asLong())).append(' ');
            }
            System.out.printf(Locale.ROOT, "%-24s %9d %12s %12s %6.2fx %6.2fx  %s%n",
                    function.path("Function").asText(), function.path("Snapshots").asInt(),
                    mib(function.path("RawBytes").asLong()), mib(function.path("StoredBytes").asLong()),
                    function.path("DedupRatio").asDouble(), function.path("CompressionRatio").asDouble(),
                    tiers.toString().trim());
        }
        return 0;
    }

    @Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
            description = "Re-wrap every function's data key under a new master key (chunks are not rewritten). "
                    + "Stop the server first.")
    int rotateMasterKey(@Option(names = "--new-key-file", required = true,
                                description = "The new master key: 32 raw bytes or their base64.") Path newKeyFile,
                        @Option(names = "--data-dir", description = "Data directory (default: ~/.thaw).") Path dataDir,
                        @Mixin StoreOptions store) throws Exception {
        Path root = (dataDir == null ? DataDirs.defaultDataDir() : dataDir).toAbsolutePath();
        try (SnapshotStore opened = SnapshotStore.open(store.config(root), new SimpleMeterRegistry())) {
            opened.rotateMasterKey(newKeyFile.toAbsolutePath());
        }
        System.out.println("master key rotated; data keys re-wrapped");
        return 0;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
