package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts and fetches a ~35 MB JVM-like snapshot (the first 30 MiB of the running JDK's lib/modules plus 5 MiB of
 * zero-filled files) through each tier, printing sizes and median times of three runs after a warm-up. Needs
 * redis-server.
 * <pre>
 * mvn -q -pl thaw-store test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --enable-native-access=ALL-UNNAMED -cp thaw-store/target/classes:thaw-store/target/test-classes:$(cat thaw-store/target/cp.txt) \
 *     dev.thaw.store.StoreBenchmark
 * </pre>
 */
public final class StoreBenchmark {
    private static final int RUNS = 3;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("thaw-store-bench");
        try (RedisServer redis = RedisServer.start(); S3Server s3 = S3Server.start()) {
            Path source = jvmLikeSnapshot(work.resolve("source"));
            Path key = TestKeys.write(work.resolve("master.key"));
            StoreConfig local = StoreConfig.defaults(work.resolve("local")).withMasterKeyFile(key);

            PutResult put;
            try (SnapshotStore store = open(local)) {
                put = store.put("bench", "1", source);
                PutResult again = store.put("bench", "2", source);
                row("put, directory durable", put.elapsed(), String.format("%.1f MiB raw -> %.1f MiB stored (%.2fx), %d chunks",
                        mib(put.rawBytes()), mib(put.storedBytes()), (double) put.rawBytes() / put.storedBytes(), put.chunks()));
                row("put again (all chunks deduplicated)", again.elapsed(), again.newChunks() + " new chunks, "
                        + again.storedBytes() + " bytes stored");
                for (int i = 0; i < RUNS; i++) { // warm the JIT before measuring
                    fetch(store, work, "warm-up-" + i);
                }
                row("fetch from L1", median(i -> fetch(store, work, "l1-" + i)), "");
            }
            row("fetch from durable directory", median(i -> {
                deleteTree(work.resolve("local/store/cache"));
                try (SnapshotStore store = open(local)) {
                    return fetch(store, work, "dir-" + i);
                }
            }), "");
            try (SnapshotStore store = open(local.withL1MaxBytes(1).withRedisUrl(redis.url()))) {
                fetch(store, work, "fill-l2");
                row("fetch from L2 (Redis)", median(i -> fetch(store, work, "l2-" + i)), "");
            }

            StoreConfig remote = StoreConfig.defaults(work.resolve("s3-publisher")).withS3(s3.location())
                    .withMasterKeyFile(key);
            try (SnapshotStore store = open(remote)) {
                row("put, S3 durable (S3Proxy, in-memory)", store.put("bench", "1", source).elapsed(), "");
            }
            row("fetch from S3", median(i -> {
                try (SnapshotStore store = open(remote.withL1MaxBytes(1))) {
                    return fetch(store, work, "s3-" + i);
                }
            }), "");
        } finally {
            deleteTree(work);
        }
    }

    private interface Run {
        Duration apply(int run) throws Exception;
    }

    private static Duration median(Run run) throws Exception {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            times.add(run.apply(i));
        }
        times.sort(Comparator.naturalOrder());
        return times.get(RUNS / 2);
    }

    private static Duration fetch(SnapshotStore store, Path work, String name) throws Exception {
        Path target = work.resolve("targets/" + name);
        FetchResult result = store.fetch("bench", "1", target);
        deleteTree(target);
        return result.elapsed();
    }

    private static SnapshotStore open(StoreConfig config) throws StoreException {
        return SnapshotStore.open(config, new SimpleMeterRegistry());
    }

    private static Path jvmLikeSnapshot(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream modules = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "modules"))) {
            Files.write(dir.resolve("pages-1.img"), modules.readNBytes(30 << 20));
        }
        Files.write(dir.resolve("pages-2.img"), new byte[3 << 20]);
        Files.write(dir.resolve("heap-zeroes.img"), new byte[2 << 20]);
        return dir;
    }

    private static void row(String what, Duration elapsed, String detail) {
        System.out.printf("%-40s %7d ms  %s%n", what, elapsed.toMillis(), detail);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
