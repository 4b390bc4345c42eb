package dev.thaw.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;

/**
 * The thaw-examples deployment packages, as built by that module, in both Lambda layouts, and the Spring Boot
 * application of thaw-examples-spring.
 */
public final class ExamplePackages {

    private ExamplePackages() {
    }

    /** The shaded jar: classes and dependencies merged at the root. */
    public static Path jarPath() {
        return path("thaw.examples.jar", "../thaw-examples/target/thaw-examples-function.jar");
    }

    /** The zip: classes at the root, dependency jars under lib/. */
    public static Path zipPath() {
        return path("thaw.examples.zip", "../thaw-examples/target/thaw-examples-function.zip");
    }

    /** A Spring Boot application in the zip layout (see thaw-examples-spring). */
    public static Path springZipPath() {
        return path("thaw.examples.spring.zip",
                "../thaw-examples-spring/target/thaw-examples-spring-function.zip");
    }

    /** The AWS SDK for Java v2 functions in the zip layout (see thaw-examples-awssdk). */
    public static SdkBytes awsSdkZip() {
        return read(path("thaw.examples.awssdk.zip",
                "../thaw-examples-awssdk/target/thaw-examples-awssdk-function.zip"));
    }

    public static SdkBytes jar() {
        return read(jarPath());
    }

    public static SdkBytes zip() {
        return read(zipPath());
    }

    public static SdkBytes springZip() {
        return read(springZipPath());
    }

    /**
     * A package that passes for a zip (its end-of-archive record is intact, which is all the AWS CLI checks)
     * but cannot be unpacked: the example jar with the signature of its first entry's header wiped.
     */
    public static SdkBytes damagedZip() {
        byte[] bytes = jar().asByteArray();
        Arrays.fill(bytes, 0, 4, (byte) 0);
        return SdkBytes.fromByteArray(bytes);
    }

    /** CodeSha256 as Lambda reports it: the base64 SHA-256 of the package. */
    public static String sha256(SdkBytes code) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(code.asByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path path(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build the example modules first");
        }
        return path;
    }

    private static SdkBytes read(Path path) {
        try {
            return SdkBytes.fromByteArray(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
