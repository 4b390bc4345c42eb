package dev.thaw.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test host of the test's own making, standing for the world outside the machine: a network namespace joined to
 * the host by a veth pair, {@value #HOST_ADDRESS}/24 on the host's end and {@value #PEER_ADDRESS}/24 inside
 * (TEST-NET-2, which no real network uses), with a {@link PeerListener} inside. The listener's process holds the
 * namespace ({@code unshare --net}): no namespace file is mounted on the host, and when the listener ends (closed,
 * or its stdin gone with a killed test JVM) the namespace and the veth pair go with it. One exists on a machine at
 * a time (a lock file orders concurrent test runs, which would claim the same addresses). Needs root,
 * {@code unshare}, {@code nsenter} and {@code ip}.
 */
final class TestNetwork implements AutoCloseable {

    static final String HOST_ADDRESS = "198.51.100.1";
    static final String PEER_ADDRESS = "198.51.100.2";
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "thaw-test-network.lock");
    private static final Duration LOCK_PATIENCE = Duration.ofMinutes(2);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(20);
    private static final Duration PEER_START_LIMIT = Duration.ofSeconds(60);

    private final String hostEnd;
    private final String peerEnd;
    private final Thread shutdownHook = new Thread(this::tearDown, "test-network-teardown");
    private FileChannel lockFile;
    private FileLock lock;
    private Process peer;
    private int peerPort;

    private TestNetwork(String suffix) {
        hostEnd = "tt" + suffix + "h";
        peerEnd = "tt" + suffix + "p";
    }

    /** Sets the network up and checks that the host reaches the listener; leaves nothing behind when it fails. */
    static TestNetwork create() throws IOException {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        TestNetwork network = new TestNetwork(HexFormat.of().formatHex(random));
        try {
            network.setUp();
            return network;
        } catch (IOException | RuntimeException | Error e) {
            network.close();
            throw e;
        }
    }

    static boolean runningAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code address} is on the test network (198.51.100.0/24). */
    static boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 && (bytes[0] & 0xff) == 198 && (bytes[1] & 0xff) == 51 && (bytes[2] & 0xff) == 100;
    }

    /** The port the test host's listener answers on, at {@link #PEER_ADDRESS}. */
    int peerPort() {
        return peerPort;
    }

    /**
     * Starts a process inside the test host (its network namespace; files and users are the machine's), its output
     * and errors to {@code log}. The caller stops it; it goes at the latest with the namespace.
     */
    Process startInside(List<String> command, Path log) throws IOException {
        List<String> inside = new ArrayList<>(List.of("nsenter", "--target", Long.toString(peer.pid()), "--net",
                "--"));
        inside.addAll(command);
        return new ProcessBuilder(inside).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Override
    public void close() {
        tearDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Shutting down already, or never registered.
        }
    }

    private void setUp() throws IOException {
        lock();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        startPeer();
        String namespace = Long.toString(peer.pid());
        run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", peerEnd);
        run("ip", "link", "set", peerEnd, "netns", namespace);
        run("ip", "addr", "add", HOST_ADDRESS + "/24", "dev", hostEnd);
        run("ip", "link", "set", hostEnd, "up");
        run("nsenter", "--target", namespace, "--net", "ip", "addr", "add", PEER_ADDRESS + "/24", "dev", peerEnd);
        run("nsenter", "--target", namespace, "--net", "ip", "link", "set", peerEnd, "up");
        run("nsenter", "--target", namespace, "--net", "ip", "link", "set", "lo", "up");
        awaitPeerFromHost();
    }

    private synchronized void tearDown() {
        if (peer != null) {
            peer.destroyForcibly();
            try {
                peer.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            peer = null;
        }
        // The namespace ended with the listener, and the veth pair with it; unless its end never moved there.
        runQuietly("ip", "link", "delete", hostEnd);
        try {
            if (lock != null) {
                lock.release();
                lock = null;
            }
            if (lockFile != null) {
                lockFile.close();
                lockFile = null;
            }
        } catch (IOException e) {
            // The lock goes with the file's last descriptor in any case.
        }
    }

    private void lock() throws IOException {
        lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
        while ((lock = lockFile.tryLock()) == null) {
            if (System.nanoTime() > deadline) {
                throw new IOException("another test network held " + LOCK + " for " + LOCK_PATIENCE);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private void startPeer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // unshare execs the JVM in a new network namespace: the listener's pid names the namespace.
        List<String> command = List.of("unshare", "--net", java, "-cp", testClasses(),
                PeerListener.class.getName(), "0.0.0.0");
        peer = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        String line = await(CompletableFuture.supplyAsync(() -> readLine(out)), PEER_START_LIMIT,
                "the test host's listener did not start");
        if (line == null || !line.startsWith("listening ")) {
            throw new IOException("the test host's listener said " + line);
        }
        peerPort = Integer.parseInt(line.substring("listening ".length()).trim());
    }

    private void awaitPeerFromHost() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(PEER_ADDRESS, peerPort), 5_000);
            socket.setSoTimeout(5_000);
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            if (!PeerListener.GREETING.equals(greeting)) {
                throw new IOException("the test host answered the host " + greeting);
            }
        }
    }

    private static String testClasses() {
        try {
            return Path.of(PeerListener.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command to its end within {@link #COMMAND_LIMIT}; returns its output, throws unless it exits 0. */
    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + COMMAND_LIMIT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String text = await(output, COMMAND_LIMIT, String.join(" ", command) + " kept its output open");
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
        }
        return text;
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            // Already gone.
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration limit, String whenLate) throws IOException {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(whenLate + " within " + limit, e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
