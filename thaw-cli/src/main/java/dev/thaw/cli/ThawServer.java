package dev.thaw.cli;

import dev.thaw.api.LambdaApiServer;
import dev.thaw.api.OperatorViews;
import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.ControlPlaneConfig;
import dev.thaw.store.FunctionStats;
import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;
import dev.thaw.worker.ProcessWorker;
import dev.thaw.worker.RuntimeJar;
import dev.thaw.worker.Worker;
import dev.thaw.worker.WorkerConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** One Thaw server in this process: worker, control plane and Lambda API, started and stopped together. */
public final class ThawServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThawServer.class);

    private final Worker worker;
    private final ControlPlane controlPlane;
    private final LambdaApiServer api;
    private final SnapshotStore store;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ThawServer(Worker worker, ControlPlane controlPlane, LambdaApiServer api, SnapshotStore store,
                       URI endpoint) {
        this.worker = worker;
        this.controlPlane = controlPlane;
        this.api = api;
        this.store = store;
        this.endpoint = endpoint;
    }

    /** Metrics and store figures for the operator routes. */
    private record Views(PrometheusMeterRegistry metrics, SnapshotStore store) implements OperatorViews {

        @Override
        public String prometheusMetrics() {
            return metrics.scrape();
        }

        @Override
        public List<FunctionStats> storeStats() throws StoreException {
            return store.stats();
        }
    }

    public static ThawServer start(ServerOptions requested) throws IOException {
        // Environments run in other directories, so every path handed down must be absolute.
        ServerOptions options = requested.withDataDir(requested.dataDir().toAbsolutePath());
        // Keys, metadata (secrets among the functions' variables), packages and logs: the operator's alone.
        Files.createDirectories(options.dataDir());
        Files.setPosixFilePermissions(options.dataDir(), PosixFilePermissions.fromString("rwx------"));
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
            worker = new ProcessWorker(new WorkerConfig(options.dataDir(), RuntimeJar.locate(),
                    options.concurrencyLimit(), options.idleTimeout(), options.initTimeout(), options.restoreTimeout(),
                    options.aotCache(), options.preparedImages(), options.functionNetwork()), store, metrics);
            controlPlane = ControlPlane.open(new ControlPlaneConfig(options.dataDir(), options.region(),
                    options.accountId(), options.concurrencyLimit(), options.snapStartInactivity()), worker, store);
            LambdaApiServer api = LambdaApiServer.start(options.bindAddress(), options.port(), controlPlane,
                    new Views(metrics, store));
            URI endpoint = endpoint(options.bindAddress(), api.port());
            LOG.info("Thaw listening on {} (data in {})", endpoint, options.dataDir());
            return new ThawServer(worker, controlPlane, api, store, endpoint);
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

    /** The URL clients use: a wildcard bind address is reached through the loopback address. */
    public URI endpoint() {
        return endpoint;
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

    private static URI endpoint(String bindAddress, int port) throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
