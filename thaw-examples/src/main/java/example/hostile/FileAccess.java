package example.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Attempts on one {@code "path"}: reading, listing, writing, and changing its mode or owner (the chmod and chown
 * system calls, which Java makes without native code). Each writes nothing that stays: what it creates it deletes,
 * and what exists it leaves byte for byte as it was.
 */
final class FileAccess {

    /** Kernel file systems whose files are settings: writing one back is how a write is tried there. */
    private static final Set<String> KERNEL_FILE_SYSTEMS = Set.of("proc", "sysfs", "cgroup", "cgroup2");
    private static final int READ_LIMIT = 4096;

    private FileAccess() {
    }

    /** {@code read-file}: escaped when the file's first bytes can be read (they are not reported). */
    static Outcome read(Input input) {
        Path path = input.path();
        try (InputStream in = Files.newInputStream(path)) {
            int bytes = in.readNBytes(READ_LIMIT).length;
            return Outcome.escaped("read " + bytes + " bytes of " + path).with("bytes", bytes);
        } catch (IOException e) {
            return Outcome.contained("cannot read " + path + ": " + Failures.describe(e));
        }
    }

    /** {@code list-dir}: escaped when the directory lists anything. */
    static Outcome list(Input input) {
        Path path = input.path();
        try (Stream<Path> entries = Files.list(path)) {
            List<String> names = entries.map(entry -> entry.getFileName().toString()).sorted().toList();
            String shown = names.stream().limit(20).collect(Collectors.joining(", "));
            return Outcome.of(!names.isEmpty(), path + " lists " + names.size() + " entries: " + shown)
                    .with("entries", names.size());
        } catch (IOException e) {
            return Outcome.contained("cannot list " + path + ": " + Failures.describe(e));
        }
    }

    /**
     * {@code write-file}: in a directory, creates a file (then deletes it); an existing file is opened for writing
     * (appending nothing), or, on /proc, /sys and cgroup file systems, has its current value written back; a
     * missing file is created, then deleted. Escaped when the write succeeds.
     */
    static Outcome write(Input input) {
        Path path = input.path();
        if (Files.isDirectory(path)) {
            return create(path.resolve("thaw-hostile-" + UUID.randomUUID()));
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return create(path);
        }
        if (KERNEL_FILE_SYSTEMS.contains(fileSystem(path))) {
            return writeBack(path);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            return Outcome.escaped("opened " + path + " for writing");
        } catch (IOException e) {
            return Outcome.contained("cannot open " + path + " for writing: " + Failures.describe(e));
        }
    }

    /** {@code chmod}: sets the path's mode to what it is (setuid bits included). Escaped when allowed. */
    static Outcome chmod(Input input) {
        Path path = input.path();
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
            return Outcome.escaped("changed the mode of " + path + " (to " + Integer.toOctalString((int) mode)
                    + ", what it was)");
        } catch (IOException e) {
            return Outcome.contained("cannot chmod " + path + ": " + Failures.describe(e));
        }
    }

    /** {@code chown}: sets the path's owner to who it is. Escaped when allowed (only the owner or root may). */
    static Outcome chown(Input input) {
        Path path = input.path();
        try {
            Object uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (Files.isRegularFile(path) && ((int) Files.getAttribute(path, "unix:mode") & 06000) != 0) {
                // chown clears setuid and setgid bits, even as root: never on such a file.
                throw new IllegalArgumentException(path + " is setuid or setgid");
            }
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            return Outcome.escaped("changed the owner of " + path + " (to uid " + uid + ", who it was)");
        } catch (IOException e) {
            return Outcome.contained("cannot chown " + path + ": " + Failures.describe(e));
        }
    }

    private static Outcome create(Path file) {
        try {
            Files.write(file, "hostile\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return Outcome.escaped("created " + file);
        } catch (IOException e) {
            return Outcome.contained("cannot create " + file + ": " + Failures.describe(e));
        } finally {
            deleteQuietly(file);
        }
    }

    private static Outcome writeBack(Path file) {
        byte[] value;
        try {
            value = readAtMost(file);
        } catch (IOException e) {
            value = null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (value == null) {
                return Outcome.escaped("opened " + file + " for writing (its value is unreadable)");
            }
            channel.write(ByteBuffer.wrap(value));
            return Outcome.escaped("wrote " + file + " (its own value back: "
                    + new String(value, StandardCharsets.UTF_8).trim() + ")");
        } catch (IOException e) {
            return Outcome.contained("cannot write " + file + ": " + Failures.describe(e));
        }
    }

    private static byte[] readAtMost(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(READ_LIMIT);
        }
    }

    private static String fileSystem(Path path) {
        try {
            return Files.getFileStore(path).type();
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Never created, or not ours to delete.
        }
    }
}
