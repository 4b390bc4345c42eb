package dev.thaw.store.fs;

import dev.thaw.store.format.EntryType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists what a snapshot keeps of a directory: regular files, directories (empty ones too) and symlinks (not
 * followed), in path order so that every directory precedes its contents. Sockets, FIFOs and device nodes cannot
 * be restored from bytes and are left out with a warning.
 */
public final class DirectoryScanner {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryScanner.class);

    private DirectoryScanner() {
    }

    public static List<ScannedEntry> scan(Path root) throws IOException {
        List<ScannedEntry> entries = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    entries.add(entry(dir, EntryType.DIRECTORY, attrs, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    entries.add(entry(file, EntryType.FILE, attrs, null));
                } else if (attrs.isSymbolicLink()) {
                    entries.add(entry(file, EntryType.SYMLINK, attrs, Files.readSymbolicLink(file).toString()));
                } else {
                    LOG.warn("leaving {} out of the snapshot: not a regular file, directory or symlink", file);
                }
                return FileVisitResult.CONTINUE;
            }

            private ScannedEntry entry(Path path, EntryType type, BasicFileAttributes attrs, String linkTarget)
                    throws IOException {
                int mode = type == EntryType.SYMLINK ? 0777 : PosixAttributes.mode(path);
                return new ScannedEntry(root.relativize(path).toString(), path, type, mode,
                        PosixAttributes.mtimeNanos(attrs.lastModifiedTime()), linkTarget);
            }
        });
        // A path sorts before every path it is a prefix of, so parents stay ahead of their contents.
        entries.sort(Comparator.comparing(ScannedEntry::path));
        return entries;
    }
}
