package dev.thaw.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store keeps its data and which tiers it uses.
 *
 * @param dataDir       the store lives in {@code <dataDir>/store}: {@code cache/} (L1), {@code durable/} (the
 *                      durable tier when {@code s3} is empty) and {@code master.key}
 * @param l1MaxBytes    bound of the local disk cache
 * @param redisUrl      L2, e.g. {@code redis://127.0.0.1:6379}; none means no L2
 * @param redisTimeout  connect and command timeout for L2; a slower Redis is skipped for a while
 * @param s3            durable tier in an S3-compatible bucket instead of {@code <dataDir>/store/durable}
 * @param masterKeyFile an operator-supplied master key: 32 raw bytes, or their base64 text; none means
 *                      {@code <dataDir>/store/master.key}, created (0600) on first open
 */
public record StoreConfig(Path dataDir, long l1MaxBytes, Optional<String> redisUrl, Duration redisTimeout,
                          Optional<S3Location> s3, Optional<Path> masterKeyFile) {
    public static final long DEFAULT_L1_MAX_BYTES = 2L << 30;
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(200);

    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisTimeout, "redisTimeout");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(masterKeyFile, "masterKeyFile");
        if (l1MaxBytes <= 0) {
            throw new IllegalArgumentException("l1MaxBytes must be positive: " + l1MaxBytes);
        }
        if (redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("redisTimeout must be positive: " + redisTimeout);
        }
    }

    /** 2 GiB L1, no Redis, 200 ms Redis timeout, durable directory and master key file under dataDir. */
    public static StoreConfig defaults(Path dataDir) {
        return new StoreConfig(dataDir, DEFAULT_L1_MAX_BYTES, Optional.empty(), DEFAULT_REDIS_TIMEOUT,
                Optional.empty(), Optional.empty());
    }

    public StoreConfig withL1MaxBytes(long bytes) {
        return new StoreConfig(dataDir, bytes, redisUrl, redisTimeout, s3, masterKeyFile);
    }

    public StoreConfig withRedisUrl(String url) {
        return new StoreConfig(dataDir, l1MaxBytes, Optional.of(url), redisTimeout, s3, masterKeyFile);
    }

    public StoreConfig withRedisTimeout(Duration timeout) {
        return new StoreConfig(dataDir, l1MaxBytes, redisUrl, timeout, s3, masterKeyFile);
    }

    public StoreConfig withS3(S3Location location) {
        return new StoreConfig(dataDir, l1MaxBytes, redisUrl, redisTimeout, Optional.of(location), masterKeyFile);
    }

    public StoreConfig withMasterKeyFile(Path file) {
        return new StoreConfig(dataDir, l1MaxBytes, redisUrl, redisTimeout, s3, Optional.of(file));
    }

    Path storeDir() {
        return dataDir.resolve("store");
    }
}
