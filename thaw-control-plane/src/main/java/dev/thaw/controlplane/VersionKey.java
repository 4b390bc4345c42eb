package dev.thaw.controlplane;

/** One published version of one function. */
public record VersionKey(String functionName, String version) {

    static VersionKey of(FunctionConfig config) {
        return new VersionKey(config.functionName(), config.version());
    }

    @Override
    public String toString() {
        return functionName + ":" + version;
    }
}
