package dev.thaw.cli;

import dev.thaw.controlplane.ControlPlaneConfig;
import dev.thaw.store.StoreConfig;
import dev.thaw.worker.FunctionNetwork;
import dev.thaw.worker.WorkerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a Thaw server runs.
 *
 * @param bindAddress         the address the API listens on
 * @param port                the API port; 0 picks a free one
 * @param urlPort             the function URLs' port, on the same address; 0 picks a free one
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
 * @param lazyRestore         restored copies resume before their memory is loaded and get it on demand and in the
 *                            background
 * @param logRetentionDays    how long log groups without a retention policy of their own keep events (empty: forever)
 * @param functionCredentials the operator's file of credentials for functions' execution roles (empty: functions
 *                            get none)
 * @param cluster             the metadata database, if others share it, and this server's name and address there
 * @param access              whom the API lets in: its keys, TLS, host names, origins and the metrics listener
 */
public record ServerOptions(String bindAddress, int port, int urlPort, Path dataDir, int concurrencyLimit, Duration idleTimeout,
                            Duration initTimeout, String region, String accountId, Duration snapStartInactivity,
                            Duration restoreTimeout, StoreConfig store, boolean aotCache, long preparedImages,
                            FunctionNetwork functionNetwork, boolean lazyRestore, OptionalInt logRetentionDays,
                            Optional<Path> functionCredentials, ClusterOptions cluster, ApiAccess access) {

    public static ServerOptions defaults(Path dataDir) {
        return new ServerOptions("127.0.0.1", 9400, 9401, dataDir, 32, Duration.ofMinutes(10), Duration.ofSeconds(10),
                "us-east-1", "000000000000", ControlPlaneConfig.DEFAULT_SNAP_START_INACTIVITY,
                WorkerConfig.DEFAULT_RESTORE_TIMEOUT, StoreConfig.defaults(dataDir), false,
                WorkerConfig.DEFAULT_PREPARED_IMAGES, FunctionNetwork.EGRESS, true, OptionalInt.empty(),
                Optional.empty(), ClusterOptions.ALONE, ApiAccess.defaults());
    }

    public ServerOptions withBindAddress(String value) {
        Copy copy = new Copy(this);
        copy.bindAddress = value;
        return copy.build();
    }

    public ServerOptions withPort(int value) {
        Copy copy = new Copy(this);
        copy.port = value;
        return copy.build();
    }

    public ServerOptions withUrlPort(int value) {
        Copy copy = new Copy(this);
        copy.urlPort = value;
        return copy.build();
    }

    /** Also moves the snapshot store's local directories (cache, durable directory, master key) there. */
    public ServerOptions withDataDir(Path value) {
        Copy copy = new Copy(this);
        copy.dataDir = value;
        copy.store = new StoreConfig(value, store.l1MaxBytes(), store.redisUrl(), store.redisTimeout(), store.s3(),
                store.masterKeyFile());
        return copy.build();
    }

    public ServerOptions withConcurrencyLimit(int value) {
        Copy copy = new Copy(this);
        copy.concurrencyLimit = value;
        return copy.build();
    }

    public ServerOptions withIdleTimeout(Duration value) {
        Copy copy = new Copy(this);
        copy.idleTimeout = value;
        return copy.build();
    }

    public ServerOptions withInitTimeout(Duration value) {
        Copy copy = new Copy(this);
        copy.initTimeout = value;
        return copy.build();
    }

    public ServerOptions withRegion(String value) {
        Copy copy = new Copy(this);
        copy.region = value;
        return copy.build();
    }

    public ServerOptions withAccountId(String value) {
        Copy copy = new Copy(this);
        copy.accountId = value;
        return copy.build();
    }

    public ServerOptions withSnapStartInactivity(Duration value) {
        Copy copy = new Copy(this);
        copy.snapStartInactivity = value;
        return copy.build();
    }

    public ServerOptions withRestoreTimeout(Duration value) {
        Copy copy = new Copy(this);
        copy.restoreTimeout = value;
        return copy.build();
    }

    public ServerOptions withStore(StoreConfig value) {
        Copy copy = new Copy(this);
        copy.store = value;
        return copy.build();
    }

    public ServerOptions withAotCache(boolean value) {
        Copy copy = new Copy(this);
        copy.aotCache = value;
        return copy.build();
    }

    public ServerOptions withPreparedImageCache(long value) {
        Copy copy = new Copy(this);
        copy.preparedImages = value;
        return copy.build();
    }

    public ServerOptions withFunctionNetwork(FunctionNetwork value) {
        Copy copy = new Copy(this);
        copy.functionNetwork = value;
        return copy.build();
    }

    public ServerOptions withLazyRestore(boolean value) {
        Copy copy = new Copy(this);
        copy.lazyRestore = value;
        return copy.build();
    }

    public ServerOptions withLogRetentionDays(OptionalInt value) {
        Copy copy = new Copy(this);
        copy.logRetentionDays = value;
        return copy.build();
    }

    public ServerOptions withFunctionCredentials(Optional<Path> value) {
        Copy copy = new Copy(this);
        copy.functionCredentials = value;
        return copy.build();
    }

    public ServerOptions withDatabaseUrl(Optional<String> value) {
        return withCluster(new ClusterOptions(value, cluster.nodeId(), cluster.address()));
    }

    public ServerOptions withCluster(ClusterOptions value) {
        Copy copy = new Copy(this);
        copy.cluster = value;
        return copy.build();
    }

    public ServerOptions withAccess(ApiAccess value) {
        Copy copy = new Copy(this);
        copy.access = value;
        return copy.build();
    }

    /** The options with one or two of them changed: what each wither starts from. */
    private static final class Copy {
        private String bindAddress;
        private int port;
        private int urlPort;
        private Path dataDir;
        private int concurrencyLimit;
        private Duration idleTimeout;
        private Duration initTimeout;
        private String region;
        private String accountId;
        private Duration snapStartInactivity;
        private Duration restoreTimeout;
        private StoreConfig store;
        private boolean aotCache;
        private long preparedImages;
        private FunctionNetwork functionNetwork;
        private boolean lazyRestore;
        private OptionalInt logRetentionDays;
        private Optional<Path> functionCredentials;
        private ClusterOptions cluster;
        private ApiAccess access;

        Copy(ServerOptions options) {
            bindAddress = options.bindAddress;
            port = options.port;
            urlPort = options.urlPort;
            dataDir = options.dataDir;
            concurrencyLimit = options.concurrencyLimit;
            idleTimeout = options.idleTimeout;
            initTimeout = options.initTimeout;
            region = options.region;
            accountId = options.accountId;
            snapStartInactivity = options.snapStartInactivity;
            restoreTimeout = options.restoreTimeout;
            store = options.store;
            aotCache = options.aotCache;
            preparedImages = options.preparedImages;
            functionNetwork = options.functionNetwork;
            lazyRestore = options.lazyRestore;
            logRetentionDays = options.logRetentionDays;
            functionCredentials = options.functionCredentials;
            cluster = options.cluster;
            access = options.access;
        }

        ServerOptions build() {
            return new ServerOptions(bindAddress, port, urlPort, dataDir, concurrencyLimit, idleTimeout, initTimeout, region,
                    accountId, snapStartInactivity, restoreTimeout, store, aotCache, preparedImages, functionNetwork,
                    lazyRestore, logRetentionDays, functionCredentials, cluster, access);
        }
    }
}
