package dev.thaw.controlplane;

import dev.thaw.controlplane.layers.LayerDirectories;
import dev.thaw.worker.FunctionSpec;

import java.nio.file.Path;

/**
 * What the worker is told about a version: its settings, its JDK, code and layers on this host, its role's
 * credentials and its snapshot.
 */
final class FunctionSpecs {

    private final RuntimeCatalog runtimes;
    private final PackageStore packages;
    private final LayerDirectories layers;
    private final Arns arns;
    private final FunctionCredentials credentials;

    FunctionSpecs(RuntimeCatalog runtimes, PackageStore packages, LayerDirectories layers, Arns arns,
                  FunctionCredentials credentials) {
        this.runtimes = runtimes;
        this.packages = packages;
        this.layers = layers;
        this.arns = arns;
        this.credentials = credentials;
    }

    /**
     * @param snapshotId the snapshot cold starts restore, or null to start on demand
     * @throws LambdaException InvalidRuntimeException when the version's runtime has no JDK here
     */
    FunctionSpec of(FunctionConfig config, String snapshotId) {
        Path javaHome;
        try {
            javaHome = runtimes.javaHome(config.runtime());
        } catch (LambdaException e) {
            throw LambdaException.invalidRuntime(e.getMessage());
        }
        return new FunctionSpec(config.functionName(), config.version(), config.revisionId(),
                arns.function(config.functionName()), config.handler(), javaHome,
                packages.codeDir(config.codeSha256()), layers.of(config.layers()), config.memorySize(),
                config.timeout(), config.ephemeralStorage(), config.environment(), arns.region(),
                credentials.forRole(config.role()).orElse(null), snapshotId);
    }
}
