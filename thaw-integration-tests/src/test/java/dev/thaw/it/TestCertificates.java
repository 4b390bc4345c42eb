package dev.thaw.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by openssl for one test class. */
record TestCertificates(Path certificate, Path privateKey) {

    static TestCertificates selfSigned(String name) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), name + "-tls-")
                    .toAbsolutePath();
            Path certificate = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Process openssl = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "ec",
                    "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(),
                    "-out", certificate.toString())).redirectErrorStream(true).start();
            String output = new String(openssl.getInputStream().readAllBytes());
            if (openssl.waitFor() != 0) {
                throw new IOException("openssl failed: " + output);
            }
            return new TestCertificates(certificate, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
