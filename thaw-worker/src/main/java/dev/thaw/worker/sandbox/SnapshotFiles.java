package dev.thaw.worker.sandbox;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of one SnapStart snapshot: the engine's image of the environment's process tree, the environment's
 * /tmp as it was at checkpoint, and the runtime jar the environment was started from (restored copies keep
 * reading it, so the snapshot owns a copy that no upgrade replaces). The directory may be renamed as a whole.
 */
public record SnapshotFiles(Path dir) {

    private static final String IMAGE = "image/";

    public Path image() {
        return dir.resolve("image");
    }

    /** The name in the image directory of {@code path} (a path in the snapshot), if it is one of its files. */
    public Optional<String> imageFile(String path) {
        return path.startsWith(IMAGE) && path.indexOf('/', IMAGE.length()) < 0
                ? Optional.of(path.substring(IMAGE.length())) : Optional.empty();
    }

    /** The path in the snapshot of {@code file} in the image directory. */
    public static String imagePath(String file) {
        return IMAGE + file;
    }

    public Path tmp() {
        return dir.resolve("tmp");
    }

    public Path runtimeDir() {
        return dir.resolve("runtime");
    }
}
