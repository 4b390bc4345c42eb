package dev.thaw.worker.sandbox;

import java.nio.file.Path;

/**
 * The files of one SnapStart snapshot: the engine's image of the environment's process tree, the environment's
 * /tmp as it was at checkpoint, and the runtime jar the environment was started from (restored copies keep
 * reading it, so the snapshot owns a copy that no upgrade replaces). The directory may be renamed as a whole.
 */
public record SnapshotFiles(Path dir) {

    public Path image() {
        return dir.resolve("image");
    }

    public Path tmp() {
        return dir.resolve("tmp");
    }

    public Path runtimeDir() {
        return dir.resolve("runtime");
    }
}
