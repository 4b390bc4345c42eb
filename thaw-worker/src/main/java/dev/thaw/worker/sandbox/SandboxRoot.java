package dev.thaw.worker.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every environment's root file system is made of, kept in one host directory of the worker's:
 * <ul>
 *   <li>{@code root/}: the skeleton an environment's root is a read-only bind of: mount points for the host's
 *   {@code /usr} (bound read-only: the C library, the JDKs under /usr/lib/jvm, the usual tools), Lambda's
 *   {@code /var/task}, {@code /opt}, {@code /var/runtime} and {@code /tmp}, {@code /proc} and five device files; the classic
 *   {@code /bin}, {@code /lib}, ... links into /usr; and an {@code /etc} of its own with only what a JVM and TLS
 *   clients read (the sandbox user's passwd and group entries, hosts, resolv.conf, CA certificates, the JDK's
 *   configuration that Debian keeps in /etc);</li>
 *   <li>{@code seccomp.bpf}: the {@link SeccompFilter};</li>
 *   <li>{@code runtime/}: a copy of the runtime jar for environments started on demand, so that no environment
 *   sees a directory the server itself loads classes from.</li>
 * </ul>
 * Rebuilt at every worker start; nothing in it is secret, and nothing an environment can write.
 */
public final class SandboxRoot {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxRoot.class);
    /** Device files every environment has (bound from the host's); no terminal, no block device, no /dev/shm. */
    static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom");
    private static final List<String> MOUNT_POINTS = List.of("usr", "var/task", "opt", "var/runtime", "tmp", "proc",
            "dev");
    private static final List<String> USR_LINKS = List.of("bin", "lib", "lib64", "sbin");
    /** Host configuration an environment may read: CA certificates, and the JDK configuration Debian keeps here. */
    private static final List<String> HOST_ETC = List.of("ssl/certs", "ca-certificates.conf", "localtime", "timezone",
            "ld.so.cache", "mime.types");
    private static final String HOST_JDK_ETC_PREFIX = "java-";

    private final Path dir;
    private final Path runtimeJar;

    private SandboxRoot(Path dir, Path runtimeJar) {
        this.dir = dir;
        this.runtimeJar = runtimeJar;
    }

    /** (Re)builds the skeleton, the filter and the runtime copy below {@code dir}. */
    public static SandboxRoot create(Path dir, Path serverRuntimeJar) {
        warnIfTheHostUses(SandboxUser.DEFAULT);
        try {
            Path root = dir.resolve("root");
            FileTrees.delete(dir);
            Files.createDirectories(root);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String point : MOUNT_POINTS) {
                Files.createDirectories(root.resolve(point));
            }
            for (String device : DEVICES) {
                Files.createFile(root.resolve("dev").resolve(device));
            }
            Path dev = root.resolve("dev");
            Files.createSymbolicLink(dev.resolve("fd"), Path.of("/proc/self/fd"));
            Files.createSymbolicLink(dev.resolve("stdin"), Path.of("/proc/self/fd/0"));
            Files.createSymbolicLink(dev.resolve("stdout"), Path.of("/proc/self/fd/1"));
            Files.createSymbolicLink(dev.resolve("stderr"), Path.of("/proc/self/fd/2"));
            for (String link : USR_LINKS) {
                Files.createSymbolicLink(root.resolve(link), Path.of("usr", link));
            }
            writeEtc(root.resolve("etc"));
            Files.write(dir.resolve("seccomp.bpf"), SeccompFilter.program());
            Path runtimeCopy = dir.resolve("runtime").resolve(serverRuntimeJar.getFileName());
            Files.createDirectories(runtimeCopy.getParent());
            Files.copy(serverRuntimeJar, runtimeCopy);
            return new SandboxRoot(dir, runtimeCopy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the sandbox root in " + dir, e);
        }
    }

    /** A host account with the sandbox user's uid or gid could signal or trace environments, or own their files. */
    private static void warnIfTheHostUses(SandboxUser user) {
        for (String file : List.of("/etc/passwd", "/etc/group")) {
            int id = file.endsWith("passwd") ? user.uid() : user.gid();
            try (Stream<String> lines = Files.lines(Path.of(file))) {
                lines.map(line -> line.split(":")).filter(fields -> fields.length > 2)
                        .filter(fields -> fields[2].equals(Integer.toString(id))).findFirst()
                        .ifPresent(fields -> LOG.warn("{} gives id {} (the sandbox user's) to {}: environments "
                                + "should not share an id with anything on the host", file, id, fields[0]));
            } catch (IOException e) {
                LOG.debug("cannot read {}: {}", file, e.toString());
            }
        }
    }

    private static void writeEtc(Path etc) throws IOException {
        Files.createDirectories(etc);
        SandboxUser user = SandboxUser.DEFAULT;
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                + user.name() + ":x:" + user.uid() + ":" + user.gid() + "::/tmp:/usr/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n" + user.name() + ":x:" + user.gid() + ":\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
        Files.writeString(etc.resolve("hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        // Environments reach DNS only through their network stack, which forwards it to the host's resolver.
        Files.writeString(etc.resolve("resolv.conf"), "nameserver " + NetworkNamespaces.DNS + "\n");
        for (String entry : HOST_ETC) {
            copyTree(Path.of("/etc").resolve(entry), etc.resolve(entry));
        }
        try (Stream<Path> hostEtc = Files.list(Path.of("/etc"))) {
            for (Path jdkConfig : hostEtc.filter(p -> p.getFileName().toString().startsWith(HOST_JDK_ETC_PREFIX))
                    .toList()) {
                copyTree(jdkConfig, etc.resolve(jdkConfig.getFileName().toString()));
            }
        }
    }

    /**
     * Copies a file or tree with the files links point to (most CA certificate names link into /usr/share, some
     * into /etc itself); what cannot be read is left out.
     */
    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (Files.isReadable(path)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The skeleton every environment's root is a read-only bind of. */
    public Path root() {
        return dir.resolve("root");
    }

    Path seccompFilter() {
        return dir.resolve("seccomp.bpf");
    }

    /** The runtime jar environments started on demand run (a copy; its directory is bound at /var/runtime). */
    Path runtimeJar() {
        return runtimeJar;
    }

    /**
     * Makes sure a JDK (its real path) outside /usr has a mount point in the skeleton (JDKs under /usr come with
     * its bind).
     *
     * @return whether the JDK needs a bind of its own
     */
    synchronized boolean mountPointFor(Path realJavaHome) throws IOException {
        if (realJavaHome.startsWith("/usr/")) {
            return false;
        }
        Files.createDirectories(root().resolve(Path.of("/").relativize(realJavaHome).toString()));
        return true;
    }
}
