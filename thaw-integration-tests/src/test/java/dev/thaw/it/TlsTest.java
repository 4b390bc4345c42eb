package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.api.tls.PemTls;
import dev.thaw.cli.ApiAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/** The API over HTTPS with the operator's certificate: the SDK and the CLI trust it when told to, and only then. */
class TlsTest {

    private static final TestCertificates TLS = TestCertificates.selfSigned("tls-test");

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o.withAccess(o.access()
            .withTls(new ApiAccess.TlsFiles(TLS.certificate(), TLS.privateKey()))));

    @TempDir
    static Path workDir;

    @Test
    void theSdkTrustingTheCertificateWorksOverHttps() throws Exception {
        assertEquals("https", THAW.endpoint().getScheme());
        THAW.createFunction("tls-sdk", "example.Hello::handleRequest");
        assertEquals("\"Hello, Bob!\"", Invocations.text(Invocations.invoke(THAW.client(), "tls-sdk",
                "{\"name\":\"Bob\"}")));

        GetFunctionResponse function = THAW.client().getFunction(r -> r.functionName("tls-sdk"));
        URI location = URI.create(function.code().location());
        assertEquals("https", location.getScheme(), location::toString);
        try (HttpClient trusting = HttpClient.newBuilder().sslContext(PemTls.trusting(TLS.certificate())).build()) {
            HttpResponse<byte[]> download = trusting.send(HttpRequest.newBuilder(location).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertEquals(ExamplePackages.sha256(ExamplePackages.jar()),
                    ExamplePackages.sha256(SdkBytes.fromByteArray(download.body())));
        }
        try (HttpClient untrusting = HttpClient.newHttpClient()) {
            assertThrows(SSLHandshakeException.class, () -> untrusting.send(HttpRequest.newBuilder(location).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
    }

    @Test
    @EnabledIf(value = "dev.thaw.it.AwsCli#installed", disabledReason = "AWS CLI v2 not installed")
    void theCliWorksWithTheCertificateAsItsCaBundleAndRefusesWithout() throws Exception {
        AwsCli cli = THAW.awsCli(workDir);
        cli.succeed("create-function", "--function-name", "tls-cli", "--runtime", ThawServerExtension.RUNTIME,
                "--role", ThawServerExtension.ROLE, "--handler", "example.Hello::handleRequest",
                "--zip-file", "fileb://" + ExamplePackages.jarPath().toAbsolutePath());
        cli.succeed("wait", "function-active-v2", "--function-name", "tls-cli");
        cli.succeed("invoke", "--function-name", "tls-cli", "--payload", "{\"name\":\"Bob\"}",
                "--cli-binary-format", "raw-in-base64-out", workDir.resolve("tls.json").toString());
        assertEquals("\"Hello, Bob!\"", Files.readString(workDir.resolve("tls.json")));

        AwsCli.Result refused = new AwsCli(THAW.endpoint(), workDir, THAW.credentialsFile())
                .lambda("list-functions");
        assertNotEquals(0, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("SSL validation failed")
                || refused.stderr().contains("CERTIFICATE_VERIFY_FAILED"), refused::toString);
    }
}
