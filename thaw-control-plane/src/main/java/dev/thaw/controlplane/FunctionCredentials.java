package dev.thaw.controlplane;

import dev.thaw.worker.AwsCredentials;

import java.util.Map;
import java.util.Optional;

/**
 * The operator's mapping of execution roles to the credentials functions with that role get: by the role's ARN,
 * else by {@code *}, else none (such a function gets no credentials at all).
 */
public record FunctionCredentials(Map<String, AwsCredentials> byRole) {

    /** The role name that stands for every role without a mapping of its own. */
    public static final String ANY_ROLE = "*";
    public static final FunctionCredentials NONE = new FunctionCredentials(Map.of());

    public FunctionCredentials {
        byRole = Map.copyOf(byRole);
    }

    public Optional<AwsCredentials> forRole(String role) {
        return Optional.ofNullable(byRole.getOrDefault(role, byRole.get(ANY_ROLE)));
    }
}
