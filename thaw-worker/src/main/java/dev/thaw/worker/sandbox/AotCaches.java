package dev.thaw.worker.sandbox;

import dev.thaw.worker.FunctionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDK's own start-up aid for environments started on demand: an AOT cache (JDK 25+, {@code -XX:AOTCache}) of
 * the classes the runtime and the JDK load and link. The first environment of a function revision is a training
 * run ({@code -XX:AOTCacheOutput}): its JVM writes the cache when it exits, which it is then given time to do; later
 * environments start from it. Each environment sees its own hard link to the cache in a directory of its own,
 * bound at {@link #SANDBOX_DIR} (read-only but for a training run, which writes the cache there).
 */
public final class AotCaches {

    private static final Logger LOG = LoggerFactory.getLogger(AotCaches.class);
    private static final String FILE = "thaw.aot";
    /** Where an environment sees its cache directory. */
    static final String SANDBOX_DIR = "/tmp/.thaw-aot";
    private static final int FIRST_JDK = 25;

    private final Path dir;
    private final Path runtimeJar;
    private final Set<Path> training = ConcurrentHashMap.newKeySet();

    /** How an environment uses the cache: a JVM option, and for a training run what to do once the JVM exited. */
    record Use(String jvmOption, Optional<Runnable> afterExit) {
    }

    public AotCaches(Path dir, Path runtimeJar) {
        this.dir = dir;
        this.runtimeJar = runtimeJar;
    }

    /** The cache use of an environment about to start with {@code hostDir} at {@link #SANDBOX_DIR}; empty below 25. */
    Optional<Use> prepare(FunctionSpec spec, Path hostDir) throws IOException {
        if (!supported(spec.javaHome())) {
            return Optional.empty();
        }
        Path cache = cacheFile(spec);
        Files.createDirectories(hostDir);
        Path inSandbox = hostDir.resolve(FILE);
        if (Files.isRegularFile(cache)) {
            try {
                Files.createLink(inSandbox, cache);
            } catch (IOException | UnsupportedOperationException crossDevice) {
                Files.copy(cache, inSandbox);
            }
            return Optional.of(new Use("-XX:AOTCache=" + SANDBOX_DIR + "/" + FILE, Optional.empty()));
        }
        if (!training.add(cache)) {
            return Optional.empty();
        }
        return Optional.of(new Use("-XX:AOTCacheOutput=" + SANDBOX_DIR + "/" + FILE, Optional.of(() -> harvest(inSandbox, cache))));
    }

    /** Whether the JDK at {@code javaHome} has AOT caches (25 and later). */
    static boolean supported(Path javaHome) {
        String feature = SandboxEnvironment.javaFeatureVersion(javaHome);
        return !feature.isEmpty() && Integer.parseInt(feature) >= FIRST_JDK;
    }

    private void harvest(Path written, Path cache) {
        try {
            if (Files.isRegularFile(written)) {
                Files.createDirectories(cache.getParent());
                Files.move(written, cache, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("AOT cache written: {} ({} MB)", cache, Files.size(cache) >> 20);
            } else {
                LOG.warn("the training run for {} wrote no AOT cache", cache);
            }
        } catch (FileAlreadyExistsException e) {
            LOG.debug("AOT cache {} written meanwhile", cache);
        } catch (IOException e) {
            LOG.warn("cannot keep the AOT cache {}: {}", cache, e.toString());
        } finally {
            training.remove(cache);
        }
    }

    /** One cache per function revision, JDK and runtime jar: a cache only fits the class path it was made with. */
    private Path cacheFile(FunctionSpec spec) throws IOException {
        String key = spec.revisionId() + "|" + spec.javaHome().toRealPath() + "|" + runtimeJar.toRealPath() + "|"
                + Files.getLastModifiedTime(runtimeJar).toMillis() + "|" + Files.size(runtimeJar);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(spec.functionName()).resolve(HexFormat.of().formatHex(digest, 0, 16) + ".aot");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
