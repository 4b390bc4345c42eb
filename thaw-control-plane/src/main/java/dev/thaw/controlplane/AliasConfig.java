package dev.thaw.controlplane;

import java.util.Map;
import java.util.UUID;

/**
 * @param additionalVersionWeights at most one other version and the share (0..1) of invocations routed to it
 */
public record AliasConfig(String functionName, String name, String functionVersion, String description,
                          Map<String, Double> additionalVersionWeights, String revisionId) {

    public AliasConfig {
        additionalVersionWeights = Map.copyOf(additionalVersionWeights);
    }

    public AliasConfig(String functionName, String name, String functionVersion, String description,
                       Map<String, Double> additionalVersionWeights) {
        this(functionName, name, functionVersion, description, additionalVersionWeights,
                UUID.randomUUID().toString());
    }

    public boolean references(String version) {
        return functionVersion.equals(version) || additionalVersionWeights.containsKey(version);
    }
}
