package dev.thaw.cli;

import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.auth.AccessKeys;
import dev.thaw.api.auth.CredentialsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The keys a server accepts: the operator's credentials file, or {@code <data-dir>/credentials}, which the first
 * start creates with a fresh random key.
 */
final class ServerCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCredentials.class);

    static final String DEFAULT_FILE = "credentials";

    private ServerCredentials() {
    }

    /** The file the keys come from: the operator's, or the data directory's own. */
    static Path file(Path dataDir, Optional<Path> operatorFile) {
        return operatorFile.map(Path::toAbsolutePath).orElseGet(() -> dataDir.resolve(DEFAULT_FILE));
    }

    static AccessKeys load(Path dataDir, Optional<Path> operatorFile) throws IOException {
        Path file = file(dataDir, operatorFile);
        if (operatorFile.isEmpty() && !Files.exists(file)) {
            CredentialsFile.create(file, AccessKey.generate(new SecureRandom()));
            LOG.info("Created an API key in {}; the AWS CLI and SDKs use it with AWS_SHARED_CREDENTIALS_FILE={}",
                    file, file);
        }
        try {
            AccessKeys keys = CredentialsFile.read(file);
            if (CredentialsFile.openToOthers(file)) {
                LOG.warn("{} can be read or changed by other users: anyone who reads it can call the API; "
                        + "make it owner-only (chmod 600)", file);
            }
            return keys;
        } catch (NoSuchFileException e) {
            throw new IOException("no credentials file " + file, e);
        }
    }
}
