package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.api.auth.AccessKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server without the operator's credentials file makes its own on first start, once. */
class ServerCredentialsTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    @RegisterExtension
    static final ThawServerExtension ANOTHER = new ThawServerExtension();

    @Test
    void theFirstStartCreatesAnOwnerOnlyFileWithAFreshKeyAndRestartsKeepIt() throws IOException {
        Path file = THAW.credentialsFile();
        assertEquals(THAW.dataDir().toAbsolutePath().resolve("credentials"), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Set<PosixFilePermission> dir = Files.getPosixFilePermissions(THAW.dataDir());
        assertFalse(dir.contains(PosixFilePermission.OTHERS_READ) || dir.contains(PosixFilePermission.GROUP_READ),
                () -> "the data directory is listable: " + PosixFilePermissions.toString(dir));
        AccessKey key = THAW.credentials();
        assertTrue(key.accessKeyId().matches("AKIA[A-Z2-7]{16}"), key.accessKeyId());
        assertEquals(40, key.secretAccessKey().length());
        assertNotEquals(key, ANOTHER.credentials(), "every data directory gets its own key");
        String content = Files.readString(file);

        THAW.restart();
        assertEquals(content, Files.readString(file));
        assertEquals(key, THAW.credentials());
        assertEquals(List.of(), THAW.client().listFunctions().functions());
    }
}
