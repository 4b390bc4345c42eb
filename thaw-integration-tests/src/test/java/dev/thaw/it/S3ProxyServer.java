package dev.thaw.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server: S3Proxy over an in-memory blob store, in a JVM of its own (its Jetty is not the
 * server's), either inside the test host's network namespace, so functions reach it as they would a store of the
 * operator's elsewhere on the network, or on the host's loopback, for servers alone. It signs with one key pair of
 * its own.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "thaw-it-s3-access";
    public static final String SECRET_KEY = "thaw-it-s3-secret";
    private static final int PEER_PORT = 9000;
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final URI endpoint;

    private S3ProxyServer(Process process, Path log, URI endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    /** Inside the test host, at {@link TestNetwork#PEER_ADDRESS}. */
    static S3ProxyServer start(TestNetwork network, Path workDir) throws IOException, InterruptedException {
        return start(workDir, "0.0.0.0", PEER_PORT, URI.create("http://" + TestNetwork.PEER_ADDRESS + ":" + PEER_PORT),
                command -> network.startInside(command, workDir.resolve("s3proxy.log")));
    }

    /** On the host's loopback, on a free port. */
    public static S3ProxyServer startOnHost(Path workDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(workDir, "127.0.0.1", port, URI.create("http://127.0.0.1:" + port),
                command -> new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("s3proxy.log").toFile()).start());
    }

    private interface Launcher {
        Process start(List<String> command) throws IOException;
    }

    private static S3ProxyServer start(Path workDir, String bind, int port, URI endpoint, Launcher launcher)
            throws IOException, InterruptedException {
        Path properties = Files.writeString(workDir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://" + bind + ":" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=transient",
                "jclouds.identity=thaw",
                "jclouds.credential=thaw", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = Path.of(System.getProperty("thaw.s3proxy.lib", "../thaw-test-s3proxy/target/lib"))
                .toAbsolutePath() + "/*";
        Path log = workDir.resolve("s3proxy.log");
        S3ProxyServer server = new S3ProxyServer(launcher.start(List.of(java, "-cp", classPath,
                "org.gaul.s3proxy.Main", "--properties", properties.toString())), log, endpoint);
        try {
            server.awaitStarted();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The endpoint, as the host (and, on the test host, functions) reach it. */
    public URI endpoint() {
        return endpoint;
    }

    /** A client with the server's key, for the test's own setting up. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private void awaitStarted() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        try (S3Client client = client()) {
            while (true) {
                try {
                    client.listBuckets();
                    return;
                } catch (SdkException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IOException("S3Proxy did not start on the test host: " + Files.readString(log), e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
