package dev.thaw.snapshot.criu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CRIU command of this host: the one named by the {@code thaw.criu} system property or the {@code THAW_CRIU}
 * environment variable, else the one the project's setup provisions, else {@code criu} on the PATH.
 */
public record CriuCommand(String executable, List<String> prefix) {

    public CriuCommand(String executable) {
        this(executable, List.of());
    }

    /** Where scripts/install-criu.sh puts its launcher. */
    static final Path PROVISIONED = Path.of("/opt/thaw/criu/bin/criu");
    private static final long PROBE_SECONDS = 60;

    public static CriuCommand locate() {
        String configured = System.getProperty("thaw.criu");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("THAW_CRIU");
        }
        if (configured != null && !configured.isBlank()) {
            return new CriuCommand(configured);
        }
        if (Files.isExecutable(PROVISIONED)) {
            return new CriuCommand(PROVISIONED.toString());
        }
        return new CriuCommand("criu");
    }

    /** The same command run through {@code prefix} (a command that execs the one given after it). */
    CriuCommand withPrefix(List<String> value) {
        return new CriuCommand(executable, value);
    }

    /** The command line for one CRIU action. */
    List<String> line(String action, List<String> options) {
        List<String> line = new ArrayList<>(prefix);
        line.add(executable);
        line.add(action);
        line.addAll(options);
        return line;
    }

    /** Runs a short CRIU command (version, check) and answers its exit code and output. */
    Result probe(String... arguments) {
        List<String> line = new ArrayList<>(List.of(executable));
        line.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(-1, "cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** The version CRIU reports ("4.1.1"), when it runs at all. */
    Optional<String> version() {
        Result result = probe("--version");
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        return result.output().lines().filter(l -> l.startsWith("Version:"))
                .map(l -> l.substring("Version:".length()).trim()).findFirst();
    }

    record Result(int exitCode, String output) {
    }
}
