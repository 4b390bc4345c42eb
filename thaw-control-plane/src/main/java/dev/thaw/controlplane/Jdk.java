package dev.thaw.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.io.Reader;

/**
 * An installed JDK: its home and feature release, read from the {@code release} file every JDK carries.
 */
public record Jdk(Path home, int major) {

    /** The JDK at {@code home}, when it has a readable release file and a java launcher. */
    public static Optional<Jdk> at(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(release)) {
            Properties properties = new Properties();
            properties.load(reader);
            String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
            return parseMajor(version).map(major -> new Jdk(home, major));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** "17.0.15" → 17, "25" → 25, and the old scheme "1.8.0_402" → 8. */
    static Optional<Integer> parseMajor(String version) {
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return Optional.of(first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
