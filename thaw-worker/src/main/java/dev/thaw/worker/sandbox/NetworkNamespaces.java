package dev.thaw.worker.sandbox;

import dev.thaw.worker.FunctionNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The network namespaces environments run in, one each, never shared and never the host's: the host's loopback
 * services (the API, Redis, databases) are out of every function's reach. A namespace has its own loopback, up;
 * in {@link FunctionNetwork#EGRESS} mode also a tap device served by slirp4netns, a user-mode network stack on
 * the host that makes the function's outbound connections as ordinary host sockets (and forwards DNS to the host's
 * resolver at {@link #DNS}): no port is forwarded into the namespace, its host-loopback address is disabled, so
 * nothing reaches the host's loopback through it either, and it runs in a sandbox of its own (no capabilities but
 * binding low ports, an empty mount namespace, a seccomp filter).
 *
 * <p>Each namespace is kept by a bind mount on a file of ours, so that a restore can join it (it is external to a
 * snapshot). Making one takes a few process starts; a few are kept ready so that cold starts never wait for that.
 */
public final class NetworkNamespaces implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkNamespaces.class);
    private static final int READY = 2;
    /** The address slirp4netns answers DNS queries on, which every environment's resolv.conf names. */
    static final String DNS = "10.0.2.3";
    /** Lambda's MTU on its function network; any larger one slows nothing here. */
    private static final String MTU = "65520";
    private static final long COMMAND_SECONDS = 10;

    private final Path dir;
    private final FunctionNetwork mode;
    private final BlockingQueue<NetworkNamespace> ready = new LinkedBlockingQueue<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("thaw-netns").factory());
    private volatile boolean closed;

    /** One namespace: the file that holds it, and the slirp4netns process serving it, if any. */
    public static final class NetworkNamespace {
        private final Path file;
        private final Optional<Process> stack;

        private NetworkNamespace(Path file, Optional<Process> stack) {
            this.file = file;
            this.stack = stack;
        }

        /** The bind-mounted namespace file ({@code nsenter --net=}, {@code setns}). */
        public Path file() {
            return file;
        }

        /** Stops its network stack and unmounts it; the kernel frees it once its last process is gone. */
        void release() {
            stack.ifPresent(Process::destroy);
            try {
                run(List.of("umount", file.toString()));
            } catch (IOException e) {
                LOG.debug("network namespace {} was not mounted: {}", file, e.getMessage());
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("cannot remove network namespace {}: {}", file, e.toString());
            }
        }
    }

    /** Removes what a worker that died left in {@code dir}, then starts filling the pool. */
    public NetworkNamespaces(Path dir, FunctionNetwork mode) throws IOException {
        this.dir = dir;
        this.mode = mode;
        removeAbandoned(dir);
        Files.createDirectories(dir);
        for (int i = 0; i < READY; i++) {
            background.execute(this::refill);
        }
    }

    /** A new namespace for one environment: a ready one when there is one, else made now. */
    public NetworkNamespace take() throws IOException {
        NetworkNamespace namespace = ready.poll();
        background.execute(this::refill);
        return namespace != null ? namespace : create();
    }

    /** Gives a namespace back: it is released in the background, never reused. */
    public void release(NetworkNamespace namespace) {
        if (closed) {
            namespace.release();
        } else {
            background.execute(namespace::release);
        }
    }

    private void refill() {
        if (closed || ready.size() >= READY) {
            return;
        }
        try {
            ready.add(create());
        } catch (IOException e) {
            LOG.warn("cannot prepare a network namespace: {}", e.getMessage());
        }
    }

    private NetworkNamespace create() throws IOException {
        Path file = dir.resolve(UUID.randomUUID().toString());
        Files.createFile(file);
        try {
            run(List.of("unshare", "--net=" + file, "ip", "link", "set", "lo", "up"));
        } catch (IOException e) {
            new NetworkNamespace(file, Optional.empty()).release();
            throw e;
        }
        if (mode == FunctionNetwork.NONE) {
            return new NetworkNamespace(file, Optional.empty());
        }
        // Its stdin stays a pipe from us: it exits when that closes, so it never outlives this worker.
        Process stack = new ProcessBuilder("slirp4netns", "--configure", "--mtu=" + MTU, "--disable-host-loopback",
                "--enable-sandbox", "--enable-seccomp", "--netns-type=path", "--ready-fd=1", "--exit-fd=0",
                file.toString(), "tap0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        NetworkNamespace namespace = new NetworkNamespace(file, Optional.of(stack));
        // It writes to its ready fd once the namespace's interface is configured.
        if (stack.getInputStream().read() < 0) {
            namespace.release();
            throw new IOException("slirp4netns exited before configuring the network namespace");
        }
        return namespace;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    /** Namespaces of a worker that is gone (their network stacks died with it). */
    private static void removeAbandoned(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (var children = Files.list(dir)) {
            files = new ArrayList<>(children.toList());
        }
        for (Path file : files) {
            new NetworkNamespace(file, Optional.empty()).release();
        }
        if (!files.isEmpty()) {
            LOG.info("released {} network namespaces left by an earlier worker", files.size());
        }
    }

    @Override
    public void close() {
        closed = true;
        background.shutdown();
        try {
            background.awaitTermination(COMMAND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (NetworkNamespace namespace; (namespace = ready.poll()) != null; ) {
            namespace.release();
        }
    }
}
