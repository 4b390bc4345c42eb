package dev.thaw.controlplane;

import java.util.List;
import java.util.Optional;

/**
 * The settings SnapStart cannot be combined with, rejected as Lambda rejects them: ephemeral storage over 512 MB,
 * an Amazon EFS file system and provisioned concurrency.
 */
final class SnapStartRules {

    private SnapStartRules() {
    }

    /**
     * Checks a function's settings after a create or an update. This server mounts no file systems, so
     * FileSystemConfigs are refused without SnapStart too.
     */
    static void checkFunction(String snapStartApplyOn, int ephemeralStorage,
                              List<Requests.FileSystemConfig> fileSystems) {
        boolean snapStart = FunctionConfig.SNAP_START_PUBLISHED_VERSIONS.equals(snapStartApplyOn);
        if (snapStart && ephemeralStorage > FunctionConfig.DEFAULT_EPHEMERAL_STORAGE) {
            throw LambdaException.invalidParameter("SnapStart is not supported for functions with ephemeral storage "
                    + "greater than " + FunctionConfig.DEFAULT_EPHEMERAL_STORAGE + " MB (EphemeralStorage.Size is "
                    + ephemeralStorage + ").");
        }
        if (fileSystems != null && !fileSystems.isEmpty()) {
            throw LambdaException.invalidParameter(snapStart
                    ? "SnapStart is not supported for functions that use Amazon Elastic File System (Amazon EFS)."
                    : "FileSystemConfigs are not supported: this server does not mount Amazon EFS file systems.");
        }
    }

    /** The refusal of provisioned concurrency on a version or alias whose versions include a SnapStart one. */
    static Optional<LambdaException> provisionedConcurrencyConflict(List<FunctionConfig> targets) {
        return targets.stream().filter(FunctionConfig::snapStartOn).findFirst()
                .map(version -> LambdaException.invalidParameter("SnapStart is not supported for functions with "
                        + "provisioned concurrency: version " + version.version() + " has SnapStart (ApplyOn: "
                        + "PublishedVersions)."));
    }
}
