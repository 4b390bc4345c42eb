package dev.thaw.controlplane;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
 * @param layers           the layer versions the function's /opt is made of, in order; a version pins them
 */
public record FunctionConfig(String functionName, String version, String runtime, String role, String handler,
                             long codeSize, String codeSha256, String description, int timeout, int memorySize,
                             Map<String, String> environment, String snapStartApplyOn, int ephemeralStorage,
                             String lastModified, String revisionId, VersionState state, List<FunctionLayer> layers) {

    public static final String LATEST = "$LATEST";
    public static final String SNAP_START_PUBLISHED_VERSIONS = "PublishedVersions";
    public static final int DEFAULT_EPHEMERAL_STORAGE = 512;

    private static final DateTimeFormatter LAMBDA_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    public FunctionConfig {
        environment = Map.copyOf(environment);
        layers = layers == null ? List.of() : List.copyOf(layers);
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
        return toBuilder().state(newState).build();
    }

    /** The same settings as a new revision: fresh RevisionId and LastModified, as every change gets. */
    public FunctionConfig revised() {
        return toBuilder().lastModified(now()).revisionId(UUID.randomUUID().toString()).build();
    }

    public FunctionConfig withCode(String newCodeSha256, long newCodeSize) {
        return toBuilder().code(newCodeSha256, newCodeSize).build();
    }

    /** A published copy of this ($LATEST) configuration: Pending while a SnapStart version's snapshot is made. */
    public FunctionConfig publishedAs(String newVersion, String versionDescription) {
        FunctionConfig published = toBuilder().version(newVersion).description(versionDescription)
                .state(VersionState.active()).build().revised();
        return published.snapStartOn() ? published.withState(VersionState.creating()) : published;
    }

    /** Whether publishing this configuration would produce the same deployment as {@code other}. */
    public boolean sameDeploymentAs(FunctionConfig other) {
        return Objects.equals(runtime, other.runtime) && Objects.equals(role, other.role)
                && Objects.equals(handler, other.handler) && Objects.equals(codeSha256, other.codeSha256)
                && timeout == other.timeout && memorySize == other.memorySize
                && environment.equals(other.environment) && Objects.equals(snapStartApplyOn, other.snapStartApplyOn)
                && ephemeralStorage == other.ephemeralStorage && layers.equals(other.layers);
    }

    public static Builder builder(String functionName, String version) {
        return new Builder(functionName, version);
    }

    public Builder toBuilder() {
        return new Builder(functionName, version).runtime(runtime).role(role).handler(handler)
                .code(codeSha256, codeSize).description(description).timeout(timeout).memorySize(memorySize)
                .environment(environment).snapStartApplyOn(snapStartApplyOn).ephemeralStorage(ephemeralStorage)
                .lastModified(lastModified).revisionId(revisionId).state(state).layers(layers);
    }

    /** Builds a configuration member by member; what is not set is empty (null, 0 or none). */
    public static final class Builder {

        private final String functionName;
        private String version;
        private String runtime;
        private String role;
        private String handler;
        private long codeSize;
        private String codeSha256;
        private String description;
        private int timeout;
        private int memorySize;
        private Map<String, String> environment = Map.of();
        private String snapStartApplyOn;
        private int ephemeralStorage;
        private String lastModified;
        private String revisionId;
        private VersionState state;
        private List<FunctionLayer> layers = List.of();

        private Builder(String functionName, String version) {
            this.functionName = functionName;
            this.version = version;
        }

        public Builder version(String value) {
            version = value;
            return this;
        }

        public Builder runtime(String value) {
            runtime = value;
            return this;
        }

        public Builder role(String value) {
            role = value;
            return this;
        }

        public Builder handler(String value) {
            handler = value;
            return this;
        }

        public Builder code(String sha256, long size) {
            codeSha256 = sha256;
            codeSize = size;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder timeout(int value) {
            timeout = value;
            return this;
        }

        public Builder memorySize(int value) {
            memorySize = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            environment = value;
            return this;
        }

        public Builder snapStartApplyOn(String value) {
            snapStartApplyOn = value;
            return this;
        }

        public Builder ephemeralStorage(int value) {
            ephemeralStorage = value;
            return this;
        }

        public Builder lastModified(String value) {
            lastModified = value;
            return this;
        }

        public Builder revisionId(String value) {
            revisionId = value;
            return this;
        }

        public Builder state(VersionState value) {
            state = value;
            return this;
        }

        public Builder layers(List<FunctionLayer> value) {
            layers = value;
            return this;
        }

        public FunctionConfig build() {
            return new FunctionConfig(functionName, version, runtime, role, handler, codeSize, codeSha256,
                    description, timeout, memorySize, environment, snapStartApplyOn, ephemeralStorage, lastModified,
                    revisionId, state, layers);
        }
    }

    /** Now, in Lambda's timestamp form. */
    public static String now() {
        return LAMBDA_TIMESTAMP.format(Instant.now());
    }
}
