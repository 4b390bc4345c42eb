package dev.thaw.cli;

import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.auth.AccessKeys;
import dev.thaw.api.auth.CredentialsFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The key a thaw command signs its requests with, found as the AWS CLI finds one (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, else the profile named by AWS_PROFILE in AWS_SHARED_CREDENTIALS_FILE), except that the
 * shared file defaults to the server's own {@code ~/.thaw/credentials}.
 */
final class ClientCredentials {

    private ClientCredentials() {
    }

    /**
     * @param credentialsFile the file named on the command line, or null
     * @param profile         the profile named on the command line, or null
     */
    static AccessKey resolve(Path credentialsFile, String profile) throws IOException {
        String id = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (credentialsFile == null && profile == null && present(id) && present(secret)) {
            return new AccessKey(id, secret);
        }
        String sharedFile = System.getenv("AWS_SHARED_CREDENTIALS_FILE");
        Path file = credentialsFile != null ? credentialsFile : present(sharedFile) ? Path.of(sharedFile)
                : DataDirs.defaultDataDir().resolve(ServerCredentials.DEFAULT_FILE);
        String envProfile = System.getenv("AWS_PROFILE");
        String name = profile != null ? profile : present(envProfile) ? envProfile : AccessKeys.DEFAULT_PROFILE;
        return CredentialsFile.read(file).profile(name)
                .orElseThrow(() -> new IOException("no profile [" + name + "] in " + file));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
