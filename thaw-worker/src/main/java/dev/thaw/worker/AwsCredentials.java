package dev.thaw.worker;

import java.util.Objects;

/**
 * The credentials an environment's function gets for its execution role (the operator's mapping decides which).
 *
 * @param sessionToken null for long-term keys
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    public AwsCredentials {
        Objects.requireNonNull(accessKeyId);
        Objects.requireNonNull(secretAccessKey);
    }

    /** Names the key, never the secret: records end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "AwsCredentials[" + accessKeyId + "]";
    }
}
