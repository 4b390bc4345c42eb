package dev.thaw.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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
 */
public record WorkerConfig(Path dataDir, Path runtimeJar, int concurrencyLimit, Duration idleTimeout,
                           Duration initTimeout, Duration restoreTimeout, boolean aotCache, long preparedImages,
                           FunctionNetwork network, boolean lazyRestore) {

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
    }

    /** No AOT cache, the default prepared-snapshot space. */
    public WorkerConfig(Path dataDir, Path runtimeJar, int concurrencyLimit, Duration idleTimeout,
                        Duration initTimeout, Duration restoreTimeout) {
        this(dataDir, runtimeJar, concurrencyLimit, idleTimeout, initTimeout, restoreTimeout, false,
                DEFAULT_PREPARED_IMAGES, null, false);
    }
}
