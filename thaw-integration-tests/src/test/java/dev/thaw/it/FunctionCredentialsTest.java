package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.Invocations.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Functions' credentials from the operator's mapping of execution roles, used as an AWS SDK client in a function
 * uses them: an S3 client built at init lists a bucket of an S3-compatible store on the test host. On demand the
 * function gets the access key variables; a SnapStart version's restored copies get the container credentials
 * endpoint with a token each of their own, and the snapshot holds no key; a role without a mapping gets nothing.
 */
class FunctionCredentialsTest {

    private static final String READER_ROLE = "arn:aws:iam::000000000000:role/s3-reader";
    private static final String OTHER_ROLE = "arn:aws:iam::000000000000:role/no-mapping";
    private static final String BUCKET = "thaw-it-credentials";
    private static final String HANDLER = "example.awssdk.S3ListHandler";
    private static final Path MAPPING = mapping();

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(
            options -> options.withFunctionCredentials(Optional.of(MAPPING)));

    private static TestNetwork testHost;
    private static S3ProxyServer s3;

    @TempDir
    static Path workDir;

    private final LambdaClient lambda = THAW.client();

    /** The operator's file: the reader role gets the store's key; no [*], so other roles get nothing. */
    private static Path mapping() {
        try {
            Path file = Files.createTempFile("thaw-function-credentials", ".ini",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            Files.writeString(file, "[" + READER_ROLE + "]\naws_access_key_id = " + S3ProxyServer.ACCESS_KEY
                    + "\naws_secret_access_key = " + S3ProxyServer.SECRET_KEY + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void startTheStore() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(TestNetwork.runningAsRoot(), "CI must run the credentials test as root");
        }
        Assumptions.assumeTrue(TestNetwork.runningAsRoot(), "making a test host takes root");
        testHost = TestNetwork.create();
        s3 = S3ProxyServer.start(testHost, workDir);
        try (S3Client client = s3.client()) {
            client.createBucket(r -> r.bucket(BUCKET));
            client.putObject(r -> r.bucket(BUCKET).key("greeting.txt"), RequestBody.fromString("hello"));
        }
    }

    @AfterAll
    static void stopTheStore() throws InterruptedException {
        try {
            if (s3 != null) {
                s3.close();
            }
        } finally {
            if (testHost != null) {
                testHost.close();
            }
        }
    }

    @Test
    void onDemandTheFunctionGetsItsRolesKeysAsVariables() {
        create("creds-on-demand", READER_ROLE, false);
        JsonNode answer = list("creds-on-demand", null);
        assertEquals("[\"greeting.txt\"]", answer.path("keys").toString(), answer.toString());
        assertTrue(answer.path("accessKeyVariable").asBoolean(), answer.toString());
        assertTrue(answer.path("tokenVariable").isNull(), answer.toString());
    }

    @Test
    void restoredCopiesFetchThemWithTokensOfTheirOwn() throws Exception {
        create("creds-snap", READER_ROLE, true);
        String version = SnapStartVersions.publishActive(lambda, "creds-snap");

        JsonNode first = list("creds-snap", version);
        assertEquals("[\"greeting.txt\"]", first.path("keys").toString(), first.toString());
        assertFalse(first.path("accessKeyVariable").asBoolean(), "no keys in a SnapStart environment's variables");
        assertNotNull(first.path("tokenProperty").textValue(), first.toString());
        assertEquals(first.path("tokenProperty"), first.path("tokenVariable"),
                "the copy's variable holds its own token, not the snapshot's");

        THAW.restart();
        JsonNode second = list(THAW.client(), "creds-snap", version);
        assertEquals("[\"greeting.txt\"]", second.path("keys").toString(), second.toString());
        assertNotEquals(first.path("tokenProperty"), second.path("tokenProperty"), "each copy has a token of its own");
        assertEquals(second.path("tokenProperty"), second.path("tokenVariable"));

        // The data directory, and the decrypted snapshots kept ready in shared memory.
        assertFalse(holdsTheSecret(THAW.dataDir()), "a key reached a file of the data directory");
        Path prepared = Path.of("/dev/shm", "thaw-prepared-" + ProcessHandle.current().pid());
        assertFalse(Files.isDirectory(prepared) && holdsTheSecret(prepared), "a key is in a snapshot");
    }

    @Test
    void aRoleWithoutAMappingGetsNone() {
        create("creds-none", OTHER_ROLE, false);
        JsonNode answer = list("creds-none", null);
        assertEquals("SdkClientException", answer.path("error").asText(), answer.toString());
        assertFalse(answer.path("accessKeyVariable").asBoolean());
        assertTrue(answer.path("tokenVariable").isNull());
    }

    private void create(String name, String role, boolean snapStart) {
        THAW.createFunction(name, HANDLER, request -> {
            request.code(c -> c.zipFile(ExamplePackages.awsSdkZip())).role(role).memorySize(512).timeout(60)
                    .environment(e -> e.variables(Map.of("S3_ENDPOINT", s3.endpoint().toString())));
            if (snapStart) {
                request.snapStart(s -> s.applyOn("PublishedVersions"));
            }
        });
    }

    private JsonNode list(String name, String version) {
        return list(lambda, name, version);
    }

    private static JsonNode list(LambdaClient client, String name, String version) {
        String event = "{\"bucket\":\"" + BUCKET + "\"}";
        InvokeResponse response = version == null ? invoke(client, name, event) : invoke(client, name, version, event);
        assertNull(response.functionError(), response.payload().asUtf8String());
        return json(response);
    }

    /**
     * Whether any file below {@code dir} (metadata, logs, snapshots as kept) contains the store's secret key; the
     * namespace files environments are held by are no files to read.
     */
    private static boolean holdsTheSecret(Path dir) throws IOException {
        byte[] secret = S3ProxyServer.SECRET_KEY.getBytes(StandardCharsets.UTF_8);
        int read = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    continue;
                }
                read++;
                if (indexOf(bytes, secret) >= 0) {
                    return true;
                }
            }
        }
        assertTrue(read > 0, "read no file of " + dir);
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
