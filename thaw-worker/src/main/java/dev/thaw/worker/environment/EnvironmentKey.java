package dev.thaw.worker.environment;

import dev.thaw.worker.FunctionSpec;

/** Environments are interchangeable only within one revision of one function version. */
public record EnvironmentKey(String functionName, String version, String revisionId) {

    public static EnvironmentKey of(FunctionSpec spec) {
        return new EnvironmentKey(spec.functionName(), spec.version(), spec.revisionId());
    }

    boolean sameVersion(String functionName, String version) {
        return this.functionName.equals(functionName) && (version == null || this.version.equals(version));
    }
}
