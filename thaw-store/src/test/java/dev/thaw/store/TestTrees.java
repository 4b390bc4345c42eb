package dev.thaw.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds directories to snapshot and describes trees (content, type, mode, mtime) for comparison. */
final class TestTrees {
    static final int CHUNK = 512 * 1024;

    private TestTrees() {
    }

    /**
     * Files of every kind the store keeps: 0 bytes, exactly one chunk, several chunks with a short tail, a file of
     * repeated zero chunks, empty directories, nested directories, relative, absolute, dangling and directory
     * symlinks, and modes with setuid, setgid and sticky bits; mtimes with sub-second parts.
     */
    static Path sample(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("empty.bin"), new byte[0]);
        write(dir.resolve("exact.bin"), random(seed, CHUNK));
        write(dir.resolve("multi.bin"), random(seed + 1, 3 * CHUNK + 7));
        write(dir.resolve("zeros.bin"), new byte[2 * CHUNK]);
        write(dir.resolve("hello.txt"), "hello, thaw\n".getBytes());
        Files.createDirectories(dir.resolve("bin"));
        write(dir.resolve("bin/tool"), random(seed + 2, 1000));
        Files.setAttribute(dir.resolve("bin/tool"), "unix:mode", 04755);
        write(dir.resolve("secret"), random(seed + 3, 64));
        Files.setAttribute(dir.resolve("secret"), "unix:mode", 0600);
        Files.createDirectories(dir.resolve("a/b/c"));
        write(dir.resolve("a/b/c/deep.txt"), "deep".getBytes());
        Files.createDirectories(dir.resolve("empty-dir"));
        Files.setAttribute(dir.resolve("empty-dir"), "unix:mode", 0700);
        Files.createDirectories(dir.resolve("shared"));
        Files.setAttribute(dir.resolve("shared"), "unix:mode", 03777);
        Files.createSymbolicLink(dir.resolve("link-relative"), Path.of("hello.txt"));
        Files.createSymbolicLink(dir.resolve("link-absolute"), Path.of("/thaw-test/absolute/target"));
        Files.createSymbolicLink(dir.resolve("link-dangling"), Path.of("no/such/file"));
        Files.createSymbolicLink(dir.resolve("a/link-to-dir"), Path.of("b"));
        Files.setAttribute(dir.resolve("a/b"), "unix:mode", 0555);
        stampTimes(dir, seed);
        return dir;
    }

    /** Distinct mtimes, nanoseconds included, deepest first so directories keep theirs. */
    static void stampTimes(Path dir, long seed) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).sorted((x, y) -> y.toString().compareTo(x.toString())).toList();
        }
        long nanos = 1_600_000_000_123_456_789L + seed * 1_000_000_000_000L;
        for (Path path : paths) {
            nanos += 1_000_000_007L;
            Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(nanos, TimeUnit.NANOSECONDS), null, null);
        }
    }

    static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** path -> "type mode mtime size sha256|target", for every entry under root (root itself excluded). */
    static TreeMap<String, String> describe(Path root) throws IOException {
        TreeMap<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (!path.equals(root)) {
                    entries.put(root.relativize(path).toString(), describeOne(path));
                }
            }
        }
        return entries;
    }

    private static String describeOne(Path path) {
        try {
            long mtime = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
            if (Files.isSymbolicLink(path)) {
                return "link " + mtime + " -> " + Files.readSymbolicLink(path);
            }
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            if (Files.isDirectory(path)) {
                return "dir " + Integer.toOctalString(mode) + " " + mtime;
            }
            return "file " + Integer.toOctalString(mode) + " " + mtime + " " + Files.size(path) + " "
                    + sha256(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files under root, recursively, as relative paths. */
    static List<String> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** Flips one byte in the middle of a file. */
    static void flipByte(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        content[content.length / 2] ^= 0x5a;
        Files.write(file, content);
    }
}
