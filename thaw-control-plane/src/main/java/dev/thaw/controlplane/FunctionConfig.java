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
 * @param ephemeralStorage the size of /tmp in MB (EphemeralStorage.Size)
 * @param state            the version's lifecycle state; configurations stored before states existed read as Active
 */
public record FunctionConfig(String functionName, String version, String runtime, String role, String handler,
                             long codeSize, String codeSha256, String description, int timeout, int memorySize,
                             Map<String, String> environment, String snapStartApplyOn, int ephemeralStorage,
                             String lastModified, String revisionId, VersionState state) {

    public static final String LATEST = "$LATEST";
    public static final String SNAP_START_PUBLISHED_VERSIONS = "PublishedVersions";
    public static final int DEFAULT_EPHEMERAL_STORAGE = 512;

    private static final DateTimeFormatter LAMBDA_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    public FunctionConfig {
        environment = Map.copyOf(environment);
        // Members a configuration stored by an older server lacks.
        ephemeralStorage = ephemeralStorage == 0 ? DEFAULT_EPHEMERAL_STORAGE : ephemeralStorage;
        state = state == null ? VersionState.active() : state;
    }

    public boolean isLatest() {
        return LATEST.equals(version);
    }

    /** Whether this version is served from a snapshot: a published version of a SnapStart function ($LATEST never is). */
    public boolean snapStartOn() {
        return !isLatest() && SNAP_START_PUBLISHED_VERSIONS.equals(snapStartApplyOn);
    }

    public FunctionConfig withState(VersionState newState) {
        return new FunctionConfig(functionName, version, runtime, role, handler, codeSize, codeSha256, description,
                timeout, memorySize, environment, snapStartApplyOn, ephemeralStorage, lastModified, revisionId,
                newState);
    }

    /** The same settings as a new revision: fresh RevisionId and LastModified, as every change gets. */
    public FunctionConfig revised() {
        return new FunctionConfig(functionName, version, runtime, role, handler, codeSize, codeSha256, description,
                timeout, memorySize, environment, snapStartApplyOn, ephemeralStorage, now(),
                UUID.randomUUID().toString(), state);
    }

    public FunctionConfig withCode(String newCodeSha256, long newCodeSize) {
        return new FunctionConfig(functionName, version, runtime, role, handler, newCodeSize, newCodeSha256,
                description, timeout, memorySize, environment, snapStartApplyOn, ephemeralStorage, lastModified,
                revisionId, state);
    }

    /** A published copy of this ($LATEST) configuration: Pending while a SnapStart version's snapshot is made. */
    public FunctionConfig publishedAs(String newVersion, String versionDescription) {
        FunctionConfig published = new FunctionConfig(functionName, newVersion, runtime, role, handler, codeSize,
                codeSha256, versionDescription, timeout, memorySize, environment, snapStartApplyOn, ephemeralStorage,
                lastModified, revisionId, VersionState.active()).revised();
        return published.snapStartOn() ? published.withState(VersionState.creating()) : published;
    }

    /** Whether publishing this configuration would produce the same deployment as {@code other}. */
    public boolean sameDeploymentAs(FunctionConfig other) {
        return Objects.equals(runtime, other.runtime) && Objects.equals(role, other.role)
                && Objects.equals(handler, other.handler) && Objects.equals(codeSha256, other.codeSha256)
                && timeout == other.timeout && memorySize == other.memorySize
                && environment.equals(other.environment) && Objects.equals(snapStartApplyOn, other.snapStartApplyOn)
                && ephemeralStorage == other.ephemeralStorage;
    }

    static String now() {
        return LAMBDA_TIMESTAMP.format(Instant.now());
    }
}
