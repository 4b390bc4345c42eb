package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.auth.CredentialsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The operator's own credentials file ({@code --credentials-file}): every profile in it is a key that works. */
class OperatorCredentialsTest {

    private static final AccessKey ADMIN = new AccessKey("AKIAOPERATORADMIN234", "a".repeat(40));
    private static final AccessKey CI = new AccessKey("AKIAOPERATORCI234567", "c".repeat(40));
    private static final Path FILE = twoProfiles();

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o.withAccess(o.access()
            .withCredentialsFile(FILE)));

    @Test
    void theKeyOfEitherProfileIsAccepted() {
        assertEquals(FILE.toAbsolutePath(), THAW.credentialsFile());
        assertFalse(Files.exists(THAW.dataDir().resolve("credentials")), "no key of its own is created");
        for (String profile : List.of("default", "ci")) {
            try (LambdaClient client = LambdaClients.forEndpoint(THAW.endpoint(), FILE, profile, Optional.empty())) {
                client.createFunction(r -> r.functionName("made-by-" + profile)
                        .runtime(ThawServerExtension.RUNTIME).role(ThawServerExtension.ROLE)
                        .handler("example.Hello::handleRequest").code(c -> c.zipFile(ExamplePackages.jar())));
            }
        }
        assertEquals(2, THAW.client().listFunctions().functions().size());
    }

    private static Path twoProfiles() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "operator-keys-");
            Path file = dir.resolve("keys");
            CredentialsFile.create(file, ADMIN);
            Files.writeString(file, Files.readString(file) + "\n[ci]\naws_access_key_id = " + CI.accessKeyId()
                    + "\naws_secret_access_key = " + CI.secretAccessKey() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
