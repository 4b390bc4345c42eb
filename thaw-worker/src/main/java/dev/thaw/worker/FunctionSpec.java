package dev.thaw.worker;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the worker needs to start an environment for one function version.
 *
 * @param functionName  the function's name
 * @param version       "$LATEST" or a published version number
 * @param revisionId    changes whenever code or configuration changes; environments of an older revision are
 *                      never reused
 * @param functionArn   the unqualified function ARN
 * @param handler       the handler string, e.g. {@code example.Hello::handleRequest}
 * @param javaHome      the JDK the function runs on
 * @param codeDir       the unpacked deployment package (classes at the root, {@code lib/*.jar})
 * @param optDir        the function's layers, merged: the environment's {@code /opt} (an empty directory for none)
 * @param memoryMb      MemorySize
 * @param timeoutSeconds Timeout
 * @param ephemeralStorageMb EphemeralStorage: the size of /tmp
 * @param environment   the user's Environment.Variables (reserved variables are added by the worker)
 * @param region        the region reported in AWS_REGION
 * @param credentials   what the function's execution role gets: access key variables when it starts on demand,
 *                      the container credentials endpoint when it is or will be restored; null for none
 * @param snapshotId    the version's SnapStart snapshot in the snapshot store: cold starts restore it; null starts
 *                      on demand
 */
public record FunctionSpec(String functionName, String version, String revisionId, String functionArn,
                           String handler, Path javaHome, Path codeDir, Path optDir, int memoryMb,
                           int timeoutSeconds,
                           int ephemeralStorageMb,
                           Map<String, String> environment, String region, AwsCredentials credentials,
                           String snapshotId) {
}
