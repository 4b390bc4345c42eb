package dev.thaw.controlplane.layers;

import java.util.List;

/**
 * One published, immutable version of a layer; only its permissions change.
 *
 * @param createdDate Lambda's timestamp form, e.g. {@code 2024-01-31T12:34:56.789+0000}
 * @param policy      its permission statements and their revision
 */
public record LayerVersion(String layerName, long version, String description, LayerContent content,
                           List<String> compatibleRuntimes, List<String> compatibleArchitectures, String licenseInfo,
                           String createdDate, LayerPolicy policy) {

    public LayerVersion {
        compatibleRuntimes = compatibleRuntimes == null ? List.of() : List.copyOf(compatibleRuntimes);
        compatibleArchitectures = compatibleArchitectures == null ? List.of() : List.copyOf(compatibleArchitectures);
    }

    public LayerVersion withPolicy(LayerPolicy newPolicy) {
        return new LayerVersion(layerName, version, description, content, compatibleRuntimes, compatibleArchitectures,
                licenseInfo, createdDate, newPolicy);
    }

    /** Whether ListLayers and ListLayerVersions filters (null = any) let this version through. */
    boolean matches(String runtime, String architecture) {
        return (runtime == null || compatibleRuntimes.contains(runtime))
                && (architecture == null || compatibleArchitectures.contains(architecture));
    }
}
