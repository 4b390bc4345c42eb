package dev.thaw.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Runs the real AWS CLI v2 against a Thaw endpoint with no user configuration, its credentials read from a shared
 * credentials file (the server's own, as a user would point AWS_SHARED_CREDENTIALS_FILE at it). The binary
 * defaults to Debian's awscli v2 and is named absolutely because a v1 {@code aws} may come first on PATH;
 * {@code -Dthaw.aws.cli=...} points elsewhere.
 */
public final class AwsCli {

    static final Path BINARY = Path.of(System.getProperty("thaw.aws.cli", "/usr/bin/aws"));

    /** The waiters poll for minutes before giving up; anything slower than this is a hang. */
    private static final long TIMEOUT_MINUTES = 6;

    private final URI endpoint;
    private final Path workDir;
    private final Path credentialsFile;
    private final Path caBundle;

    /**
     * @param workDir         holds the CLI's output files; also its (empty) config location
     * @param credentialsFile the shared-credentials file whose default profile the CLI signs with
     */
    public AwsCli(URI endpoint, Path workDir, Path credentialsFile) {
        this(endpoint, workDir, credentialsFile, null);
    }

    private AwsCli(URI endpoint, Path workDir, Path credentialsFile, Path caBundle) {
        this.endpoint = endpoint;
        this.workDir = workDir;
        this.credentialsFile = credentialsFile;
        this.caBundle = caBundle;
    }

    /** The same CLI signing with another credentials file. */
    AwsCli withCredentialsFile(Path file) {
        return new AwsCli(endpoint, workDir, file, caBundle);
    }

    /** The same CLI trusting the certificates of this PEM file (AWS_CA_BUNDLE) for an https endpoint. */
    AwsCli withCaBundle(Path bundle) {
        return new AwsCli(endpoint, workDir, credentialsFile, bundle);
    }

    /** Whether the CLI tests run: always in CI, which installs the CLI (a missing one then fails them). */
    static boolean installed() {
        return Files.isExecutable(BINARY) || "true".equals(System.getenv("CI"));
    }

    /** One finished CLI run. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public JsonNode json() {
            return Json.parse(stdout);
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** Runs {@code aws lambda <args>} and asserts that it succeeded. */
    public Result succeed(String... args) {
        Result result = lambda(args);
        Assertions.assertEquals(0, result.exitCode(), result::toString);
        return result;
    }

    /**
     * Runs {@code aws lambda <args>} and asserts that it failed the way the CLI reports a service error: exit
     * status 254 and the error code on stderr.
     */
    Result failWith(String errorCode, String... args) {
        Result result = lambda(args);
        Assertions.assertEquals(254, result.exitCode(), result::toString);
        Assertions.assertTrue(result.stderr().contains("(" + errorCode + ")"), result::toString);
        return result;
    }

    /** Runs {@code aws lambda <args>}, e.g. {@code lambda("get-function", "--function-name", "f")}. */
    Result lambda(String... args) {
        return run("lambda", args);
    }

    /** Runs {@code aws <service> <args>}, e.g. {@code run("logs", "tail", "/aws/lambda/f")}. */
    Result run(String service, String... args) {
        ProcessBuilder builder = command(service, args);
        List<String> command = builder.command();
        try {
            Path stdout = Files.createTempFile(workDir, "stdout", ".txt");
            Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            try {
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("aws did not finish in " + TIMEOUT_MINUTES + " min: " + command);
                }
            } finally {
                process.destroyForcibly();
            }
            return new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Starts {@code aws <service> <args>} for a command that runs until stopped ({@code logs tail --follow}). */
    Process start(Path output, String service, String... args) throws IOException {
        return command(service, args).redirectOutput(output.toFile()).redirectErrorStream(true).start();
    }

    private ProcessBuilder command(String service, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), service));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
        if (caBundle != null) {
            env.put("AWS_CA_BUNDLE", caBundle.toString());
        }
        env.put("AWS_DEFAULT_REGION", ThawServerExtension.REGION);
        env.put("AWS_PAGER", "");
        // One attempt: the CLI's retries would turn a throttle or a 5xx into a slow, late success.
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_CONFIG_FILE", workDir.resolve("no-config").toString());
        return builder;
    }
}
