package dev.thaw.store.fs;

import dev.thaw.store.format.EntryType;
import dev.thaw.store.format.ManifestEntry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Restores a snapshot's files into a hidden staging directory inside the target ({@code .thaw-fetch-*}) and
 * moves them into the target only when every chunk has been verified and written. Closed without a commit, it
 * deletes the staging directory, so a failed fetch leaves the target as it was (created if it was missing).
 * Symlinks are created last, so no write can follow one.
 */
public final class StagedTarget implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private StagedTarget(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    public static StagedTarget create(Path target) throws IOException {
        Files.createDirectories(target);
        return new StagedTarget(target, Files.createTempDirectory(target, ".thaw-fetch-"));
    }

    /** Creates the directories and empty regular files, ready for chunks. */
    public void prepare(List<ManifestEntry> entries) throws IOException {
        for (ManifestEntry entry : entries) {
            switch (entry.type()) {
                case DIRECTORY -> Files.createDirectory(staged(entry));
                case FILE -> Files.createFile(staged(entry));
                case SYMLINK -> { } // at commit, once nothing more is written
            }
        }
    }

    /** Gives a file created by prepare its size, without content: a sparse file whose chunks come later. */
    public void reserve(String path, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(staging.resolve(path), StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (size > 0) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
        }
    }

    /** Writes verified chunk data at offset of a file created by prepare. */
    public void write(String path, long offset, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(staging.resolve(path), StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        }
    }

    /** Creates symlinks, applies modes and mtimes, and moves everything into the target. */
    public void commit(List<ManifestEntry> entries) throws IOException {
        for (ManifestEntry entry : entries) {
            if (entry.type() == EntryType.SYMLINK) {
                Files.createSymbolicLink(staged(entry), Path.of(entry.linkTarget()));
            }
        }
        for (ManifestEntry entry : entries) {
            if (entry.type() == EntryType.FILE) {
                PosixAttributes.setMode(staged(entry), entry.mode());
            }
            if (entry.type() != EntryType.DIRECTORY) {
                PosixAttributes.setMtime(staged(entry), entry.mtimeNanos());
            }
        }
        for (ManifestEntry entry : entries) {
            if (entry.path().indexOf('/') < 0) {
                Files.move(staged(entry), target.resolve(entry.path()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Directories last and deepest first: filling or moving them would change their mtime, and a
        // read-only mode would stop the writes and moves into them.
        for (ManifestEntry entry : entries.reversed()) {
            if (entry.type() == EntryType.DIRECTORY) {
                Path dir = target.resolve(entry.path());
                PosixAttributes.setMode(dir, entry.mode());
                PosixAttributes.setMtime(dir, entry.mtimeNanos());
            }
        }
        Files.delete(staging);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(staging);
        }
    }

    private Path staged(ManifestEntry entry) {
        return staging.resolve(entry.path());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
