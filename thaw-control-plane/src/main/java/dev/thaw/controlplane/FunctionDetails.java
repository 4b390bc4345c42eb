package dev.thaw.controlplane;

/** What GetFunction answers: one version's configuration and the function-wide settings. */
public record FunctionDetails(FunctionConfig configuration, FunctionRecord function) {
}
