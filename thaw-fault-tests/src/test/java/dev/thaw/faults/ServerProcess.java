package dev.thaw.faults;

import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.auth.AccessKeys;
import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.it.LambdaClients;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A Thaw server in a JVM of its own, started as {@code ./thaw server} starts it (same main class, class path and JVM
 * flags), so that it can be killed as an operator's machine would lose it.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Pattern LISTENING = Pattern.compile("Thaw listening on (\\S+) ");
    private static final Path CLI_JAR = Path.of(System.getProperty("thaw.cli.jar",
            "../thaw-cli/target/thaw-cli-0.1.0-SNAPSHOT.jar"));
    private static final Path BUILD_ROOT = Path.of(System.getProperty("thaw.faults.build-root", ".."));

    private final Process process;
    private final Path dataDir;
    private final URI endpoint;
    private final LambdaClient client;

    private ServerProcess(Process process, Path dataDir, URI endpoint) {
        this.process = process;
        this.dataDir = dataDir;
        this.endpoint = endpoint;
        this.client = LambdaClients.forEndpoint(endpoint, credentialsFile(dataDir), AccessKeys.DEFAULT_PROFILE,
                Optional.empty());
    }

    /**
     * Starts a server on a free port and {@code dataDir}, its output appended to {@code log}, and waits until it
     * answers.
     */
    public static ServerProcess start(Path dataDir, Path log, List<String> options) throws IOException,
            InterruptedException {
        return start(dataDir, log, options, Map.of());
    }

    /** As {@link #start(Path, Path, List)}, with these environment variables added to the server's. */
    public static ServerProcess start(Path dataDir, Path log, List<String> options, Map<String, String> environment)
            throws IOException, InterruptedException {
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dthaw.home=" + BUILD_ROOT.toAbsolutePath().normalize(),
                "-cp", CLI_JAR.toAbsolutePath() + ":" + CLI_JAR.toAbsolutePath().resolveSibling("lib") + "/*",
                "dev.thaw.cli.ThawCli", "server", "--port", "0", "--url-port", "0",
                "--data-dir", dataDir.toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        URI endpoint = awaitAnswering(process, log, logStart, credentialsFile(dataDir));
        return new ServerProcess(process, dataDir, endpoint);
    }

    public long pid() {
        return process.pid();
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path credentialsFile() {
        return credentialsFile(dataDir);
    }

    public LambdaClient client() {
        return client;
    }

    /** Plain HTTP requests to the server, signed with the key of its credentials file. */
    public SignedHttpClient http() {
        Profile profile = ProfileFile.builder().content(credentialsFile()).type(ProfileFile.Type.CREDENTIALS).build()
                .profile(AccessKeys.DEFAULT_PROFILE).orElseThrow();
        return new SignedHttpClient(new AccessKey(profile.property("aws_access_key_id").orElseThrow(),
                profile.property("aws_secret_access_key").orElseThrow()));
    }

    /** SIGKILL: the JVM gets no chance to clean up, as when its machine loses power. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        client.close();
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /**
     * The server's endpoint, once it answers: it binds a port of its own choosing (a port picked here and handed to
     * it could be taken in between) and logs where it listens.
     */
    private static URI awaitAnswering(Process process, Path log, long logStart, Path credentialsFile)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue());
            }
            Optional<URI> endpoint = listeningOn(log, logStart);
            if (endpoint.isPresent() && Files.isRegularFile(credentialsFile)) {
                try (LambdaClient probe = LambdaClients.forEndpoint(endpoint.get(), credentialsFile,
                        AccessKeys.DEFAULT_PROFILE, Optional.empty())) {
                    probe.listFunctions();
                    return endpoint.get();
                } catch (SdkException | IllegalStateException e) {
                    // Not answering yet, or the credentials file is still being written.
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not answer within " + STARTUP);
            }
            Thread.sleep(200);
        }
    }

    private static Path credentialsFile(Path dataDir) {
        return dataDir.resolve("credentials");
    }

    /** The endpoint the server's "Thaw listening on" line names, in what it has logged since it was started. */
    private static Optional<URI> listeningOn(Path log, long logStart) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String since = new String(all, (int) Math.min(logStart, all.length),
                (int) (all.length - Math.min(logStart, all.length)), StandardCharsets.UTF_8);
        Matcher line = LISTENING.matcher(since);
        return line.find() ? Optional.of(URI.create(line.group(1))) : Optional.empty();
    }
}
