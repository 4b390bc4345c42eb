package dev.thaw.worker.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Whole directory trees: environments' directories, snapshots' files. */
public final class FileTrees {

    private static final Logger LOG = LoggerFactory.getLogger(FileTrees.class);

    private FileTrees() {
    }

    /** Copies a directory tree, keeping permissions and times; symbolic links are copied as links. */
    public static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Copies what is in directory {@code from} into the existing directory {@code into}, as {@link #copy} does. */
    public static void copyInto(Path from, Path into) throws IOException {
        try (Stream<Path> children = Files.list(from)) {
            for (Path child : children.toList()) {
                copy(child, into.resolve(child.getFileName().toString()));
            }
        }
    }

    /**
     * Deletes a tree if it exists; what cannot be deleted is logged and left. Another thread may delete the same
     * tree meanwhile.
     */
    public static void delete(Path root) {
        for (int attempt = 0; attempt < 3 && Files.exists(root, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
                return;
            } catch (UncheckedIOException e) {
                // Part of the tree went while it was walked: walk what is left.
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    LOG.warn("cannot delete {}: {}", root, e.getCause().toString());
                    return;
                }
            } catch (NoSuchFileException e) {
                // The root itself went meanwhile.
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", root, e.toString());
                return;
            }
        }
    }

    /** Deletes everything in a directory, if it exists, and logs how many entries there were. */
    public static void deleteContents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> children = Files.list(dir)) {
            entries = children.toList();
        }
        entries.forEach(FileTrees::delete);
        if (!entries.isEmpty()) {
            LOG.info("removed {} entries left in {}", entries.size(), dir);
        }
    }

    /** Creates a directory (and its parents) if needed and makes it its owner's alone (0700). */
    public static Path createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    /** The bytes of the regular files in a tree. */
    public static long size(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
