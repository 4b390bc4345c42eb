package dev.thaw.cli;

import dev.thaw.store.S3Location;
import dev.thaw.store.StoreConfig;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The snapshot store's command-line options, shared by {@code thaw server} and {@code thaw store}. */
final class StoreOptions {

    @Option(names = "--cache-size", paramLabel = "MIB",
            description = "Local snapshot chunk cache (L1) size in MiB (default: 2048).")
    Long cacheMib;

    @Option(names = "--redis-url", paramLabel = "URL",
            description = "Shared chunk cache (L2), e.g. redis://127.0.0.1:6379 (default: none).")
    String redisUrl;

    @Option(names = "--redis-timeout", paramLabel = "MILLIS",
            description = "Longest wait for Redis before going on without it (default: 200).")
    Long redisTimeoutMillis;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "Keep snapshots durably in this S3-compatible store instead of <data-dir>/store/durable.")
    URI s3Endpoint;

    @Option(names = "--s3-bucket", description = "Bucket for --s3-endpoint (default: ${DEFAULT-VALUE}).",
            defaultValue = "thaw-snapshots")
    String s3Bucket;

    @Option(names = "--s3-region", description = "Region for --s3-endpoint (default: ${DEFAULT-VALUE}).",
            defaultValue = "us-east-1")
    String s3Region;

    @Option(names = "--s3-path-style", negatable = true, defaultValue = "true",
            description = "Path-style bucket addressing, as most self-hosted stores need (default: on).")
    boolean s3PathStyle;

    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "The master key wrapping the snapshot data keys (default: created at "
                    + "<data-dir>/store/master.key).")
    Path masterKeyFile;

    /** The store configuration for a data directory; S3 credentials come from AWS_ACCESS_KEY_ID / _SECRET_ACCESS_KEY. */
    StoreConfig config(Path dataDir) {
        StoreConfig config = StoreConfig.defaults(dataDir);
        if (cacheMib != null) {
            config = config.withL1MaxBytes(cacheMib * 1024 * 1024);
        }
        if (redisUrl != null) {
            config = config.withRedisUrl(redisUrl);
        }
        if (redisTimeoutMillis != null) {
            config = config.withRedisTimeout(Duration.ofMillis(redisTimeoutMillis));
        }
        if (s3Endpoint != null) {
            config = config.withS3(new S3Location(s3Endpoint, s3Bucket, s3Region, requireEnv("AWS_ACCESS_KEY_ID"),
                    requireEnv("AWS_SECRET_ACCESS_KEY"), s3PathStyle));
        }
        if (masterKeyFile != null) {
            config = config.withMasterKeyFile(masterKeyFile.toAbsolutePath());
        }
        return config;
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--s3-endpoint needs " + name + " in the environment");
        }
        return value;
    }
}
