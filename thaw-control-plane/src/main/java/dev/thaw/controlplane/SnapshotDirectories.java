package dev.thaw.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where snapshots live on disk: {@code <dataDir>/snapshots/<function>/<version>/<id>/}, one directory per snapshot
 * taken. A snapshot is written into a staging directory beside its final place and renamed when complete, so a
 * crash never leaves a half-written snapshot under a name the metadata could refer to.
 */
final class SnapshotDirectories {

    private static final String STAGING_PREFIX = ".staging-";

    private final Path root;

    SnapshotDirectories(Path dataDir) {
        this.root = dataDir.resolve("snapshots");
    }

    /** The absolute directory of a snapshot, from its name relative to the root as the metadata stores it. */
    Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** A fresh, empty directory for a snapshot of {@code version} to be written into. */
    Path stage(VersionKey version) {
        Path staging = versionDir(version).resolve(STAGING_PREFIX + UUID.randomUUID());
        try {
            return Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create snapshot directory " + staging, e);
        }
    }

    /** Gives a complete staging directory its final name; answers that name relative to the root. */
    String promote(Path staging) {
        Path target = staging.resolveSibling(staging.getFileName().toString().substring(STAGING_PREFIX.length()));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete snapshot directory " + target, e);
        }
        return root.relativize(target).toString();
    }

    void delete(Path directory) {
        deleteTree(directory);
    }

    /**
     * Deletes a snapshot after {@code delaySeconds}: environments restored from it a moment ago, or restoring from it
     * right now, may still read it.
     */
    void deleteLater(String relative, ScheduledExecutorService timer, long delaySeconds) {
        Path directory = resolve(relative);
        timer.schedule(() -> deleteTree(directory), delaySeconds, TimeUnit.SECONDS);
    }

    /** Deletes every snapshot of a version, or of a whole function when version is null. */
    void deleteAll(String functionName, String version) {
        Path functionDir = root.resolve(functionName);
        deleteTree(version == null ? functionDir : functionDir.resolve(version));
    }

    /**
     * Deletes what no version refers to: staging directories left by an interrupted snapshot, snapshots of deleted
     * versions and replaced snapshots. Answers the directories deleted.
     */
    List<Path> removeUnreferenced(Set<String> referenced) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> snapshots = Files.walk(root, 3)) {
            List<Path> orphans = snapshots.filter(path -> root.relativize(path).getNameCount() == 3)
                    .filter(path -> !referenced.contains(root.relativize(path).toString())).toList();
            orphans.forEach(SnapshotDirectories::deleteTree);
            removeEmptyParents();
            return orphans;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list snapshot directories", e);
        }
    }

    private Path versionDir(VersionKey version) {
        return root.resolve(version.functionName()).resolve(version.version());
    }

    private void removeEmptyParents() throws IOException {
        try (Stream<Path> dirs = Files.walk(root, 2)) {
            dirs.filter(path -> !path.equals(root)).sorted(Comparator.reverseOrder()).forEach(path -> {
                try (Stream<Path> children = Files.list(path)) {
                    if (children.findAny().isEmpty()) {
                        Files.delete(path);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
