package dev.thaw.cli;

import dev.thaw.controlplane.ControlPlaneConfig;
import dev.thaw.store.StoreConfig;
import dev.thaw.worker.FunctionNetwork;
import dev.thaw.worker.WorkerConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a Thaw server runs.
 *
 * @param bindAddress         the address the API listens on
 * @param port                the API port; 0 picks a free one
 * @param dataDir             metadata, packages, code, snapshots, logs and environments live here
 * @param concurrencyLimit    the most invocations running at once
 * @param idleTimeout         idle execution environments are stopped after this long
 * @param initTimeout         the limit for a function's init phase
 * @param region              the region in ARNs and AWS_REGION
 * @param accountId           the account id in ARNs
 * @param snapStartInactivity a SnapStart version not invoked for this long goes Inactive and its snapshot is deleted
 * @param restoreTimeout      the limit for restoring an environment from a snapshot, afterRestore hooks included
 * @param store               the snapshot store: its cache size, Redis, durable tier and master key
 * @param aotCache            environments started on demand on JDK 25+ use the JDK's AOT cache
 * @param preparedImages      bytes of memory-backed storage for snapshots kept ready to restore (0: none)
 * @param functionNetwork     what functions' networks reach
 * @param access              whom the API lets in: its keys, TLS, host names, origins and the metrics listener
 */
public record ServerOptions(String bindAddress, int port, Path dataDir, int concurrencyLimit, Duration idleTimeout,
                            Duration initTimeout, String region, String accountId, Duration snapStartInactivity,
                            Duration restoreTimeout, StoreConfig store, boolean aotCache, long preparedImages,
                            FunctionNetwork functionNetwork, ApiAccess access) {

    public static ServerOptions defaults(Path dataDir) {
        return new ServerOptions("127.0.0.1", 9400, dataDir, 32, Duration.ofMinutes(10), Duration.ofSeconds(10),
                "us-east-1", "000000000000", ControlPlaneConfig.DEFAULT_SNAP_START_INACTIVITY,
                WorkerConfig.DEFAULT_RESTORE_TIMEOUT, StoreConfig.defaults(dataDir), false,
                WorkerConfig.DEFAULT_PREPARED_IMAGES, FunctionNetwork.EGRESS,
                ApiAccess.defaults());
    }

    public ServerOptions withBindAddress(String value) {
        return new ServerOptions(value, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region, accountId,
                snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork, access);
    }

    public ServerOptions withPort(int value) {
        return new ServerOptions(bindAddress, value, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork,
                access);
    }

    /** Also moves the snapshot store's local directories (cache, durable directory, master key) there. */
    public ServerOptions withDataDir(Path value) {
        return new ServerOptions(bindAddress, port, value, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, snapStartInactivity, restoreTimeout, new StoreConfig(value, store.l1MaxBytes(),
                store.redisUrl(), store.redisTimeout(), store.s3(), store.masterKeyFile()), aotCache, preparedImages,
                functionNetwork, access);
    }

    public ServerOptions withConcurrencyLimit(int value) {
        return new ServerOptions(bindAddress, port, dataDir, value, idleTimeout, initTimeout, region, accountId,
                snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork, access);
    }

    public ServerOptions withIdleTimeout(Duration value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, value, initTimeout, region, accountId,
                snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork, access);
    }

    public ServerOptions withInitTimeout(Duration value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, value, region, accountId,
                snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork, access);
    }

    public ServerOptions withRegion(String value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, value,
                accountId, snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork,
                access);
    }

    public ServerOptions withAccountId(String value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region, value,
                snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork, access);
    }

    public ServerOptions withSnapStartInactivity(Duration value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, value, restoreTimeout, store, aotCache, preparedImages, functionNetwork, access);
    }

    public ServerOptions withRestoreTimeout(Duration value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, snapStartInactivity, value, store, aotCache, preparedImages, functionNetwork, access);
    }

    public ServerOptions withStore(StoreConfig value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, snapStartInactivity, restoreTimeout, value, aotCache, preparedImages, functionNetwork,
                access);
    }

    public ServerOptions withAotCache(boolean value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, snapStartInactivity, restoreTimeout, store, value, preparedImages, functionNetwork, access);
    }

    public ServerOptions withPreparedImageCache(long bytes) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, snapStartInactivity, restoreTimeout, store, aotCache, bytes, functionNetwork, access);
    }

    public ServerOptions withAccess(ApiAccess value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork,
                value);
    }

    public ServerOptions withFunctionNetwork(FunctionNetwork value) {
        return new ServerOptions(bindAddress, port, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                accountId, snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, value, access);
    }
}
