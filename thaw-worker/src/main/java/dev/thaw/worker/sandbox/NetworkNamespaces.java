package dev.thaw.worker.sandbox;

import dev.thaw.worker.FunctionNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The network namespaces environments run in, one each, never shared and never the host's: the host's loopback
 * services (the API, Redis, databases) are out of every function's reach. A namespace has its own loopback, up;
 * in {@link FunctionNetwork#EGRESS} mode also a tap device served by slirp4netns, a user-mode network stack on
 * the host that makes the function's outbound connections as ordinary host sockets (and forwards DNS to the host's
 * resolver at {@link #DNS}): no port is forwarded into the namespace, its host-loopback address is disabled, so
 * nothing reaches the host's loopback through it either, the namespace's own firewall ({@link HostAddressFilter})
 * refuses the host's other addresses and link-local ones, and it runs in a sandbox of its own (no capabilities
 * but binding low ports, an empty mount namespace, a seccomp filter).
 *
 * <p>Port 9001 of each namespace's loopback is the worker's {@link CredentialsEndpoint} for the environment in it.
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

    private final Path dir;
    private final FunctionNetwork mode;
    private final ReadyPool<FunctionNetwork, NetworkNamespace> pool;

    /**
     * One namespace: the file that holds it, the slirp4netns process serving it, if any, and its credentials
     * endpoint once it has one.
     */
    public static final class NetworkNamespace {
        private final Path file;
        private final Optional<Process> stack;
        private CredentialsEndpoint credentials;

        private NetworkNamespace(Path file, Optional<Process> stack) {
            this.file = file;
            this.stack = stack;
        }

        /** The endpoint that hands the environment in this namespace its function's credentials. */
        public CredentialsEndpoint credentials() {
            return credentials;
        }

        /** The bind-mounted namespace file ({@code nsenter --net=}, {@code setns}). */
        public Path file() {
            return file;
        }

        /** Stops its network stack and unmounts it; the kernel frees it once its last process is gone. */
        void release() {
            if (credentials != null) {
                credentials.close();
            }
            stack.ifPresent(Process::destroy);
            HostCommands.unmount(file);
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
        FileTrees.createPrivateDirectory(dir);
        this.pool = new ReadyPool<>("thaw-netns", READY, kind -> create(), NetworkNamespace::release);
        pool.prepare(mode);
    }

    /** A new namespace for one environment: a ready one when there is one, else made now. */
    public NetworkNamespace take() throws IOException {
        return pool.take(mode);
    }

    /** Gives a namespace back: it is released in the background, never reused. */
    public void release(NetworkNamespace namespace) {
        pool.release(namespace);
    }

    private NetworkNamespace create() throws IOException {
        Path file = dir.resolve(UUID.randomUUID().toString());
        Files.createFile(file);
        try {
            Path rules = dir.resolve(file.getFileName() + ".nft");
            if (mode == FunctionNetwork.EGRESS) {
                Files.writeString(rules, HostAddressFilter.rules());
            }
            HostCommands.run(List.of("unshare", "--net=" + file, "/bin/sh", "-c", mode == FunctionNetwork.EGRESS
                    ? "ip link set lo up && nft -f \"$1\" && rm \"$1\"" : "ip link set lo up", "thaw-netns",
                    rules.toString()));
        } catch (IOException e) {
            new NetworkNamespace(file, Optional.empty()).release();
            throw e;
        }
        NetworkNamespace namespace = mode == FunctionNetwork.NONE ? new NetworkNamespace(file, Optional.empty())
                : withStack(file);
        try {
            namespace.credentials = CredentialsEndpoint.open(file, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            namespace.release();
            throw e;
        }
        return namespace;
    }

    private static NetworkNamespace withStack(Path file) throws IOException {
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
            if (file.getFileName().toString().endsWith(".nft")) {
                Files.delete(file);
            } else {
                new NetworkNamespace(file, Optional.empty()).release();
            }
        }
        if (!files.isEmpty()) {
            LOG.info("released {} network namespaces left by an earlier worker", files.size());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
