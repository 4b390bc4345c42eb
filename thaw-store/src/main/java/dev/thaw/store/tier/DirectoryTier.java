package dev.thaw.store.tier;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Objects as files under a root directory, the key being the relative path. */
public final class DirectoryTier implements Tier {
    private final String name;
    private final Path root;
    private final boolean fsync;

    /** Opens root (created if missing), removing temp files an interrupted write left behind. */
    public DirectoryTier(String name, Path root, boolean fsync) throws IOException {
        this.name = name;
        this.root = root;
        this.fsync = fsync;
        Files.createDirectories(root);
        removeTempFiles();
    }

    @Override
    public String name() {
        return name;
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(root.resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        AtomicFiles.write(root.resolve(key), value, fsync);
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        for (String key : keys) {
            Path file = root.resolve(key);
            Files.deleteIfExists(file);
            removeEmptyParents(file);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        List<StoredObject> found = new ArrayList<>();
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String key = keyOf(file);
                if (attrs.isRegularFile() && !AtomicFiles.isTemp(file) && key.startsWith(prefix)) {
                    found.add(new StoredObject(key, attrs.size()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while we walked
                }
                throw e;
            }
        });
        return found;
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(root.resolve(key), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "directory " + root;
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** Keeps the tree from filling with empty per-function directories; the top level ones stay. */
    private void removeEmptyParents(Path file) throws IOException {
        Path dir = file.getParent();
        while (dir != null && !dir.equals(root) && !root.equals(dir.getParent())) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
            dir = dir.getParent();
        }
    }

    private void removeTempFiles() throws IOException {
        try (var files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(AtomicFiles::isTemp)::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }
}
