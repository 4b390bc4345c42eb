package dev.thaw.api.tls;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys and certificates as openssl writes them, in each private-key form the server reads. */
class PemTlsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ec-pkcs8.pem", "-out", "ec-cert.pem", "-days", "1", "-subj", "/CN=localhost");
        openssl("ec", "-in", "ec-pkcs8.pem", "-out", "ec-sec1.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa-pkcs8.pem", "-out", "rsa-cert.pem",
                "-days", "1", "-subj", "/CN=localhost");
        openssl("rsa", "-in", "rsa-pkcs8.pem", "-traditional", "-out", "rsa-pkcs1.pem");
    }

    @ParameterizedTest
    @CsvSource({"ec-cert.pem, ec-pkcs8.pem, BEGIN PRIVATE KEY", "ec-cert.pem, ec-sec1.pem, BEGIN EC PRIVATE KEY",
            "rsa-cert.pem, rsa-pkcs8.pem, BEGIN PRIVATE KEY", "rsa-cert.pem, rsa-pkcs1.pem, BEGIN RSA PRIVATE KEY"})
    void everyKeyFormLoads(String certificate, String key, String marker) throws IOException {
        assertTrue(Files.readString(dir.resolve(key)).contains(marker), key);
        assertNotNull(PemTls.serverContext(dir.resolve(certificate), dir.resolve(key)));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        IOException refused = assertThrows(IOException.class,
                () -> PemTls.serverContext(dir.resolve("ec-cert.pem"), dir.resolve("rsa-pkcs8.pem")));
        assertTrue(refused.getMessage().contains("cannot use"), refused::getMessage);
    }

    @Test
    void filesWithoutTheirPartsAreRefused() {
        assertThrows(IOException.class, () -> PemTls.serverContext(dir.resolve("ec-pkcs8.pem"),
                dir.resolve("ec-pkcs8.pem")));
        assertThrows(IOException.class, () -> PemTls.serverContext(dir.resolve("ec-cert.pem"),
                dir.resolve("ec-cert.pem")));
    }

    @Test
    void aBundleIsTrusted() throws IOException {
        assertEquals(1, PemTls.certificates(dir.resolve("rsa-cert.pem")).size());
        assertNotNull(PemTls.trusting(dir.resolve("rsa-cert.pem")));
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }
}
