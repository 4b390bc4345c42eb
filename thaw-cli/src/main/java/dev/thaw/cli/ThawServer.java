package dev.thaw.cli;

import dev.thaw.api.ApiServerConfig;
import dev.thaw.api.HttpLimits;
import dev.thaw.api.LambdaApiServer;
import dev.thaw.api.OperatorViews;
import dev.thaw.api.auth.AccessKeys;
import dev.thaw.api.auth.CredentialsFile;
import dev.thaw.api.tls.PemTls;
import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.ControlPlaneConfig;
import dev.thaw.controlplane.FunctionCredentials;
import dev.thaw.store.FunctionStats;
import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;
import dev.thaw.worker.ProcessWorker;
import dev.thaw.worker.RuntimeJar;
import dev.thaw.worker.Worker;
import dev.thaw.worker.WorkerConfig;
import dev.thaw.worker.WorkerFigures;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/** One Thaw server in this process: worker, control plane and Lambda API, started and stopped together. */
public final class ThawServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThawServer.class);

    private final Worker worker;
    private final ControlPlane controlPlane;
    private final LambdaApiServer api;
    private final SnapshotStore store;
    private final URI endpoint;
    private final Optional<URI> metricsEndpoint;
    private final Path credentialsFile;
    private final AccessKeys keys;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ThawServer(Worker worker, ControlPlane controlPlane, LambdaApiServer api, SnapshotStore store,
                       URI endpoint, Optional<URI> metricsEndpoint, Path credentialsFile, AccessKeys keys) {
        this.worker = worker;
        this.controlPlane = controlPlane;
        this.api = api;
        this.store = store;
        this.endpoint = endpoint;
        this.metricsEndpoint = metricsEndpoint;
        this.credentialsFile = credentialsFile;
        this.keys = keys;
    }

    /** Metrics and store figures for the operator routes. */
    private record Views(PrometheusMeterRegistry metrics, SnapshotStore store, Worker worker)
            implements OperatorViews {

        @Override
        public String prometheusMetrics() {
            return metrics.scrape();
        }

        @Override
        public List<FunctionStats> storeStats() throws StoreException {
            return store.stats();
        }

        @Override
        public NodeFigures node() {
            WorkerFigures figures = worker.figures();
            return new NodeFigures(figures.environments(), store.localCacheBytes(), figures.preparedSnapshotBytes());
        }
    }

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** A server alone is {@link ControlPlaneConfig#LOCAL_NODE}; one that shares its database needs a name there. */
    private static String nodeId(ClusterOptions cluster) {
        if (cluster.databaseUrl().isEmpty()) {
            return ControlPlaneConfig.LOCAL_NODE;
        }
        String id = cluster.nodeId().orElseGet(() -> {
            byte[] suffix = new byte[3];
            new SecureRandom().nextBytes(suffix);
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "node";
            }
            host = host.replaceAll("[^A-Za-z0-9.-]", "-");
            return host.substring(0, Math.min(host.length(), 48)) + "-" + HexFormat.of().formatHex(suffix);
        });
        if (!NODE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("--node-id must be 1 to 64 letters, digits, '.', '_' or '-': " + id);
        }
        return id;
    }

    public static ThawServer start(ServerOptions requested) throws IOException {
        // Environments run in other directories, so every path handed down must be absolute.
        ServerOptions options = requested.withDataDir(requested.dataDir().toAbsolutePath());
        // Keys, metadata (secrets among the functions' variables), packages and logs: the operator's alone.
        Files.createDirectories(options.dataDir());
        Files.setPosixFilePermissions(options.dataDir(), PosixFilePermissions.fromString("rwx------"));
        ApiAccess access = options.access();
        Path credentialsFile = ServerCredentials.file(options.dataDir(), access.credentialsFile());
        AccessKeys keys = ServerCredentials.load(options.dataDir(), access.credentialsFile());
        FunctionCredentials functionCredentials = FunctionCredentials.NONE;
        if (options.functionCredentials().isPresent()) {
            Path file = options.functionCredentials().get();
            if (CredentialsFile.openToOthers(file)) {
                throw new IOException(file + " holds functions' secret keys: make it readable by its owner only");
            }
            functionCredentials = CredentialsFile.readFunctionCredentials(file);
            LOG.info("functions' credentials from {}: roles {}", file, functionCredentials.byRole().keySet());
        }
        Optional<SSLContext> tls = access.tls().isPresent() ? Optional.of(PemTls.serverContext(
                access.tls().get().certificateChain(), access.tls().get().privateKey())) : Optional.empty();
        ApiServerConfig apiConfig = new ApiServerConfig(new InetSocketAddress(
                InetAddress.getByName(options.bindAddress()), options.port()), tls, keys, access.publicHosts(),
                access.allowedOrigins(), access.metricsBind(), new InetSocketAddress(
                InetAddress.getByName(options.bindAddress()), options.urlPort()), HttpLimits.DEFAULTS);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SnapshotStore store;
        try {
            store = SnapshotStore.open(options.store(), metrics);
        } catch (StoreException e) {
            throw new IOException("cannot open the snapshot store: " + e.getMessage(), e);
        }
        Worker worker = null;
        ControlPlane controlPlane = null;
        try {
            worker = new ProcessWorker(WorkerConfig.builder(options.dataDir(), RuntimeJar.locate())
                    .concurrencyLimit(options.concurrencyLimit()).idleTimeout(options.idleTimeout())
                    .initTimeout(options.initTimeout()).restoreTimeout(options.restoreTimeout())
                    .aotCache(options.aotCache()).preparedImages(options.preparedImages())
                    .network(options.functionNetwork()).lazyRestore(options.lazyRestore())
                    .logRetentionDays(options.logRetentionDays()).build(),
                    store, metrics);
            controlPlane = ControlPlane.open(new ControlPlaneConfig(options.dataDir(), options.region(),
                    options.accountId(), options.concurrencyLimit(), options.snapStartInactivity(),
                    functionCredentials, options.cluster().databaseUrl(), nodeId(options.cluster())), worker, store);
            LambdaApiServer api = LambdaApiServer.start(apiConfig, controlPlane, new Views(metrics, store, worker));
            URI endpoint = endpoint(tls.isPresent() ? "https" : "http", apiConfig.address().getAddress(), api.port());
            controlPlane.join(options.cluster().address().orElse(endpoint));
            LOG.info("Thaw listening on {} (data in {})", endpoint, options.dataDir());
            if (tls.isEmpty() && !apiConfig.address().getAddress().isLoopbackAddress()) {
                LOG.warn("The API listens on {} port {} without TLS: requests, answers and the payloads signatures "
                        + "cover travel in clear over the network. Give the server --tls-cert and --tls-key.",
                        options.bindAddress(), api.port());
            }
            Optional<URI> metricsEndpoint = access.metricsBind().map(bind -> endpoint("http", bind.getAddress(),
                    api.metricsPort().orElseThrow()).resolve("/metrics"));
            metricsEndpoint.ifPresent(uri -> LOG.info("Metrics without a signature on {}", uri));
            LOG.info("Function URLs on port {}", api.urlPort());
            return new ThawServer(worker, controlPlane, api, store, endpoint, metricsEndpoint, credentialsFile,
                    keys);
        } catch (IOException | RuntimeException e) {
            if (controlPlane != null) {
                controlPlane.close();
            }
            if (worker != null) {
                worker.close();
            }
            store.close();
            throw e;
        }
    }

    public int port() {
        return api.port();
    }

    /** The port function URLs are served on. */
    public int urlPort() {
        return api.urlPort();
    }

    /** The URL clients use: a wildcard bind address is reached through the loopback address. */
    public URI endpoint() {
        return endpoint;
    }

    /** The AWS shared-credentials file holding the keys the API accepts. */
    public Path credentialsFile() {
        return credentialsFile;
    }

    public AccessKeys accessKeys() {
        return keys;
    }

    /** The unsigned metrics listener's {@code /metrics} URL, if the server has one. */
    public Optional<URI> metricsEndpoint() {
        return metricsEndpoint;
    }

    /** Stops accepting requests, then the async queue and the metadata store, then every environment, then the store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        api.close();
        controlPlane.close();
        worker.close();
        store.close();
        LOG.info("Thaw stopped ({})", endpoint);
    }

    private static URI endpoint(String scheme, InetAddress address, int port) {
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        return URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
