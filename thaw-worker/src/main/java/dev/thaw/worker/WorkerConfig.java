package dev.thaw.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * @param dataDir           where environments keep their private /tmp and where function logs are written
 * @param runtimeJar        the thaw-runtime jar started inside every environment
 * @param concurrencyLimit  the global limit of concurrently busy environments
 * @param idleTimeout       idle environments are stopped after this long (null: {@link #DEFAULT_IDLE_TIMEOUT})
 * @param initTimeout       limit for the init phase of an on-demand environment (null: {@link #DEFAULT_INIT_TIMEOUT})
 * @param restoreTimeout    limit for restoring an environment from a snapshot, afterRestore hooks included (null:
 *                          {@link #DEFAULT_RESTORE_TIMEOUT})
 * @param aotCache          environments started on demand on JDK 25+ use the JDK's AOT cache: the first one of a
 *                          function revision records it (a training run), later ones start from it
 * @param preparedImages    bytes of memory-backed storage for snapshots fetched, verified and kept ready to
 *                          restore; 0 fetches every restore's snapshot from the store
 * @param network           what environments' networks reach (null: {@link FunctionNetwork#EGRESS})
 * @param lazyRestore       restored copies resume before their memory is loaded and get their private anonymous
 *                          pages when they touch them and in the background (where the host has userfaultfd);
 *                          false loads all of it first
 * @param logRetentionDays  how long the log groups without a retention policy of their own keep events; empty:
 *                          forever, as CloudWatch Logs' default
 */
public record WorkerConfig(Path dataDir, Path runtimeJar, int concurrencyLimit, Duration idleTimeout,
                           Duration initTimeout, Duration restoreTimeout, boolean aotCache, long preparedImages,
                           FunctionNetwork network, boolean lazyRestore, OptionalInt logRetentionDays) {

    /** A GiB of prepared snapshots: a few dozen typical ones. */
    public static final long DEFAULT_PREPARED_IMAGES = 1L << 30;

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** Lambda's limit for the init phase of on-demand environments. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);
    /** Lambda's limit for a SnapStart restore. */
    public static final Duration DEFAULT_RESTORE_TIMEOUT = Duration.ofSeconds(10);

    public WorkerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(runtimeJar, "runtimeJar");
        if (concurrencyLimit < 1) {
            throw new IllegalArgumentException("concurrencyLimit must be at least 1");
        }
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
        initTimeout = initTimeout == null ? DEFAULT_INIT_TIMEOUT : initTimeout;
        restoreTimeout = restoreTimeout == null ? DEFAULT_RESTORE_TIMEOUT : restoreTimeout;
        if (preparedImages < 0) {
            throw new IllegalArgumentException("preparedImages must not be negative");
        }
        network = network == null ? FunctionNetwork.EGRESS : network;
        Objects.requireNonNull(logRetentionDays, "logRetentionDays");
    }

    /** The defaults for everything but the data directory and the runtime: change what differs. */
    public static Builder builder(Path dataDir, Path runtimeJar) {
        return new Builder(dataDir, runtimeJar);
    }

    public static final class Builder {
        private final Path dataDir;
        private final Path runtimeJar;
        private int concurrencyLimit = 1000;
        private Duration idleTimeout;
        private Duration initTimeout;
        private Duration restoreTimeout;
        private boolean aotCache;
        private long preparedImages = DEFAULT_PREPARED_IMAGES;
        private FunctionNetwork network;
        private boolean lazyRestore = true;
        private OptionalInt logRetentionDays = OptionalInt.empty();

        private Builder(Path dataDir, Path runtimeJar) {
            this.dataDir = dataDir;
            this.runtimeJar = runtimeJar;
        }

        public Builder concurrencyLimit(int limit) {
            this.concurrencyLimit = limit;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder initTimeout(Duration timeout) {
            this.initTimeout = timeout;
            return this;
        }

        public Builder restoreTimeout(Duration timeout) {
            this.restoreTimeout = timeout;
            return this;
        }

        public Builder aotCache(boolean enabled) {
            this.aotCache = enabled;
            return this;
        }

        public Builder preparedImages(long bytes) {
            this.preparedImages = bytes;
            return this;
        }

        public Builder network(FunctionNetwork network) {
            this.network = network;
            return this;
        }

        public Builder lazyRestore(boolean enabled) {
            this.lazyRestore = enabled;
            return this;
        }

        public Builder logRetentionDays(OptionalInt days) {
            this.logRetentionDays = days;
            return this;
        }

        public WorkerConfig build() {
            return new WorkerConfig(dataDir, runtimeJar, concurrencyLimit, idleTimeout, initTimeout, restoreTimeout,
                    aotCache, preparedImages, network, lazyRestore, logRetentionDays);
        }
    }
}
