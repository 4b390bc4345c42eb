package dev.thaw.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the JDKs installed on this host: every JDK under the given directories plus the one running this server. */
public final class JdkScanner {

    private JdkScanner() {
    }

    public static List<Jdk> scan(Path jvmDirectory) {
        Map<Path, Jdk> byRealHome = new LinkedHashMap<>();
        candidates(jvmDirectory).forEach(home -> realPath(home).ifPresent(real ->
                Jdk.at(real).ifPresent(jdk -> byRealHome.putIfAbsent(real, jdk))));
        return new ArrayList<>(byRealHome.values());
    }

    private static List<Path> candidates(Path jvmDirectory) {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        if (Files.isDirectory(jvmDirectory)) {
            try (Stream<Path> entries = Files.list(jvmDirectory)) {
                entries.sorted().forEach(homes::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return homes;
    }

    // Distributions install aliases (symlinks) of one JDK; resolving them keeps one entry per JDK.
    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
