package dev.thaw.controlplane;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The configuration of one function version ($LATEST or a published number), as stored and as answered.
 *
 * @param codeSha256       base64 SHA-256 of the deployment package, also its key in the package store
 * @param lastModified     Lambda's timestamp form, e.g. {@code 2024-01-31T12:34:56.789+0000}
 * @param snapStartApplyOn "PublishedVersions" or "None"
 */
public record FunctionConfig(String functionName, String version, String runtime, String role, String handler,
                             long codeSize, String codeSha256, String description, int timeout, int memorySize,
                             Map<String, String> environment, String snapStartApplyOn, String lastModified,
                             String revisionId) {

    public static final String LATEST = "$LATEST";

    private static final DateTimeFormatter LAMBDA_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    public FunctionConfig {
        environment = Map.copyOf(environment);
    }

    public boolean isLatest() {
        return LATEST.equals(version);
    }

    /** The same settings as a new revision: fresh RevisionId and LastModified, as every change gets. */
    public FunctionConfig revised() {
        return new FunctionConfig(functionName, version, runtime, role, handler, codeSize, codeSha256, description,
                timeout, memorySize, environment, snapStartApplyOn, now(), UUID.randomUUID().toString());
    }

    public FunctionConfig withCode(String newCodeSha256, long newCodeSize) {
        return new FunctionConfig(functionName, version, runtime, role, handler, newCodeSize, newCodeSha256,
                description, timeout, memorySize, environment, snapStartApplyOn, lastModified, revisionId);
    }

    /** A published copy of this ($LATEST) configuration. */
    public FunctionConfig publishedAs(String newVersion, String versionDescription) {
        return new FunctionConfig(functionName, newVersion, runtime, role, handler, codeSize, codeSha256,
                versionDescription, timeout, memorySize, environment, snapStartApplyOn, lastModified, revisionId)
                .revised();
    }

    /** Whether publishing this configuration would produce the same deployment as {@code other}. */
    public boolean sameDeploymentAs(FunctionConfig other) {
        return Objects.equals(runtime, other.runtime) && Objects.equals(role, other.role)
                && Objects.equals(handler, other.handler) && Objects.equals(codeSha256, other.codeSha256)
                && timeout == other.timeout && memorySize == other.memorySize
                && environment.equals(other.environment) && Objects.equals(snapStartApplyOn, other.snapStartApplyOn);
    }

    static String now() {
        return LAMBDA_TIMESTAMP.format(Instant.now());
    }
}
