package dev.thaw.api.auth;

import dev.thaw.controlplane.FunctionCredentials;
import dev.thaw.worker.AwsCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsFileTest {

    @TempDir
    Path dir;

    @Test
    void everySectionIsAKey() throws IOException {
        Path file = Files.writeString(dir.resolve("credentials"), """
                # the operator's keys
                [default]
                aws_access_key_id = AKIAFIRST
                aws_secret_access_key=first/secret+

                ; a second caller
                [ ci ]
                AWS_ACCESS_KEY_ID   =  AKIASECOND
                aws_secret_access_key = second
                region = eu-west-1
                """);
        AccessKeys keys = CredentialsFile.read(file);
        assertEquals(Map.of("default", new AccessKey("AKIAFIRST", "first/secret+"),
                "ci", new AccessKey("AKIASECOND", "second")), keys.profiles());
        assertEquals("second", keys.byId("AKIASECOND").orElseThrow().secretAccessKey());
        assertEquals("AKIAFIRST", keys.primary().accessKeyId());
    }

    @Test
    void functionCredentialsMapRolesAndTheRest() throws IOException {
        Path file = Files.writeString(dir.resolve("functions"), """
                [arn:aws:iam::123456789012:role/orders]
                aws_access_key_id = AKIAORDERS
                aws_secret_access_key = orders-secret
                aws_session_token = orders-token

                [*]
                aws_access_key_id = AKIAREST
                aws_secret_access_key = rest-secret
                """);
        FunctionCredentials credentials = CredentialsFile.readFunctionCredentials(file);
        assertEquals(new AwsCredentials("AKIAORDERS", "orders-secret", "orders-token"),
                credentials.forRole("arn:aws:iam::123456789012:role/orders").orElseThrow());
        assertEquals(new AwsCredentials("AKIAREST", "rest-secret", null),
                credentials.forRole("arn:aws:iam::123456789012:role/other").orElseThrow());
        assertFalse(new FunctionCredentials(Map.of()).forRole("arn:aws:iam::123456789012:role/orders").isPresent());
        assertFalse(credentials.forRole("x").orElseThrow().toString().contains("rest-secret"),
                "the secret is never in a log line");
        Path incomplete = Files.writeString(dir.resolve("incomplete"), "[*]\naws_access_key_id = A\n");
        IOException refused = assertThrows(IOException.class, () -> CredentialsFile.readFunctionCredentials(incomplete));
        assertTrue(refused.getMessage().contains("[*]"), refused.getMessage());
    }

    @Test
    void brokenFilesAreRefusedSayingWhere() {
        for (String broken : List.of("", "aws_access_key_id = A\n", "[a]\naws_access_key_id = A\n",
                "[a]\nno equals sign\n", "[a]\naws_access_key_id=A\naws_secret_access_key=s\n"
                        + "[b]\naws_access_key_id=A\naws_secret_access_key=t\n")) {
            IOException refused = assertThrows(IOException.class,
                    () -> CredentialsFile.read(Files.writeString(dir.resolve("broken"), broken)));
            assertTrue(refused.getMessage().startsWith(dir.resolve("broken").toString()), refused::getMessage);
        }
    }

    @Test
    void aCreatedFileIsOwnerOnlyAndItsDirectoryNotListable() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = data.resolve("credentials");
        AccessKey key = AccessKey.generate(new SecureRandom());
        CredentialsFile.create(file, key);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertFalse(CredentialsFile.openToOthers(file));
        assertEquals(key, CredentialsFile.read(file).profile(AccessKeys.DEFAULT_PROFILE).orElseThrow());
        assertThrows(IOException.class, () -> CredentialsFile.create(file, key), "never overwritten");
    }

    @Test
    void generatedKeysLookLikeAwsKeysAndDiffer() {
        SecureRandom random = new SecureRandom();
        AccessKey first = AccessKey.generate(random);
        assertTrue(first.accessKeyId().matches("AKIA[A-Z2-7]{16}"), first.accessKeyId());
        assertTrue(first.secretAccessKey().matches("[A-Za-z0-9+/]{40}"), first.secretAccessKey());
        assertNotEquals(first, AccessKey.generate(random));
        assertFalse(first.toString().contains(first.secretAccessKey()));
    }
}
