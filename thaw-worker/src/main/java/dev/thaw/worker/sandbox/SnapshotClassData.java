package dev.thaw.worker.sandbox;

import dev.thaw.worker.FunctionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The AOT cache of a snapshot (JDK 25+). Without one, the metadata of every class init loaded lives in the JVM's
 * metaspace, which the snapshot stores and every restore copies (some 30 MB for a Spring Boot application). A
 * training run of init writes the cache into a directory of the snapshot's ({@link #trainingDir}), from where it
 * moves into the snapshot's runtime directory (/var/runtime, read-only, in the sandbox); the JVM that is
 * checkpointed starts from it, mapped at its own base address, so that most of it stays clean file pages that each
 * restored copy maps from that same file instead of copying.
 */
public final class SnapshotClassData {

    static final String FILE = "classes.aot";
    private static final Path IN_SANDBOX = SandboxLauncher.RUNTIME_DIR.resolve(FILE);

    private SnapshotClassData() {
    }

    /** Whether snapshots of {@code spec} get an AOT cache: its JDK has them. */
    public static boolean supported(FunctionSpec spec) {
        return AotCaches.supported(spec.javaHome());
    }

    /** The options of the training run, whose JVM writes the cache when it exits. */
    public static List<String> training() {
        return List.of("-XX:AOTCacheOutput=" + AotCaches.SANDBOX_DIR + "/" + FILE);
    }

    /** The options of the JVM that is checkpointed. */
    public static List<String> use() {
        return List.of("-XX:AOTCache=" + IN_SANDBOX);
    }

    /** Where the snapshot's cache is on the host. */
    public static Path file(SnapshotFiles snapshot) {
        return snapshot.runtimeDir().resolve(FILE);
    }

    /** Where the training run writes the cache (the only place it may write beyond its /tmp). */
    public static Path trainingDir(SnapshotFiles snapshot) {
        return snapshot.dir().resolve("aot-training");
    }

    /** Moves the training run's cache into the snapshot's runtime directory; whether there was one. */
    public static boolean keepTrained(SnapshotFiles snapshot) throws IOException {
        Path trained = trainingDir(snapshot).resolve(FILE);
        boolean written = Files.isRegularFile(trained, LinkOption.NOFOLLOW_LINKS);
        if (written) {
            Files.move(trained, file(snapshot), StandardCopyOption.REPLACE_EXISTING);
        }
        FileTrees.delete(trainingDir(snapshot));
        return written;
    }
}
