package dev.thaw.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One function's snapshot storage as the server's {@code GET /thaw/store/stats} reports it: bytes of the snapshot
 * files (raw) and of their unique chunks after dedup, zstd and encryption (stored), and bytes per tier.
 */
record SnapshotSize(String function, int snapshots, long rawBytes, long storedBytes, double dedupRatio,
                    double compressionRatio, Map<String, Long> tierBytes) {

    private static final ObjectMapper API = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static List<SnapshotSize> parse(String json) throws IOException {
        List<SnapshotSize> sizes = new ArrayList<>();
        for (JsonNode function : API.readTree(json).path("Functions")) {
            sizes.add(API.treeToValue(function, SnapshotSize.class));
        }
        return sizes;
    }
}
