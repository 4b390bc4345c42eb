package dev.thaw.controlplane;

import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreConfig;
import dev.thaw.store.StoreException;
import dev.thaw.worker.ProcessWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.thaw.worker.RuntimeJar;
import dev.thaw.worker.WorkerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A control plane over a real worker and a real H2 database in a test's temporary directory. */
final class ControlPlaneFixture implements AutoCloseable {

    static final String ROLE = "arn:aws:iam::123456789012:role/lambda-ex";
    static final int CONCURRENCY_LIMIT = 8;

    final Path dataDir;
    final ProcessWorker worker;
    final SnapshotStore snapshots;
    private final Duration snapStartInactivity;
    private final Optional<String> databaseUrl;
    ControlPlane controlPlane;

    ControlPlaneFixture(Path dataDir) {
        this(dataDir, ControlPlaneConfig.DEFAULT_SNAP_START_INACTIVITY);
    }

    ControlPlaneFixture(Path dataDir, Duration snapStartInactivity) {
        this(dataDir, snapStartInactivity, openStore(dataDir), Optional.empty());
    }

    /** Over a snapshot store of the test's making; the fixture closes it. */
    ControlPlaneFixture(Path dataDir, SnapshotStore snapshots) {
        this(dataDir, ControlPlaneConfig.DEFAULT_SNAP_START_INACTIVITY, snapshots, Optional.empty());
    }

    /** With its metadata in this PostgreSQL database. */
    ControlPlaneFixture(Path dataDir, String databaseUrl) {
        this(dataDir, ControlPlaneConfig.DEFAULT_SNAP_START_INACTIVITY, openStore(dataDir), Optional.of(databaseUrl));
    }

    private ControlPlaneFixture(Path dataDir, Duration snapStartInactivity, SnapshotStore snapshots,
                                Optional<String> databaseUrl) {
        this.dataDir = dataDir;
        this.snapStartInactivity = snapStartInactivity;
        this.databaseUrl = databaseUrl;
        this.snapshots = snapshots;
        this.worker = new ProcessWorker(WorkerConfig.builder(dataDir, RuntimeJar.locate())
                .concurrencyLimit(CONCURRENCY_LIMIT).idleTimeout(Duration.ofMinutes(1))
                .initTimeout(Duration.ofSeconds(10)).build(), snapshots, new SimpleMeterRegistry());
        this.controlPlane = open();
    }

    private static SnapshotStore openStore(Path dataDir) {
        try {
            return SnapshotStore.open(StoreConfig.defaults(dataDir), new SimpleMeterRegistry());
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the control plane and opens a new one on the same data directory, as a restart does. */
    void reopen() {
        controlPlane.close();
        controlPlane = open();
    }

    /** Stops the control plane, edits its data as a stopped server's, and starts it again. */
    void restartEditing(Consumer<MetadataStore> edit) {
        controlPlane.close();
        try (MetadataStore store = MetadataStore.open(dataDir.resolve("metadata"))) {
            edit.accept(store);
        }
        controlPlane = open();
    }

    /** Polls a version's configuration until it is in {@code state}; fails after a minute. */
    FunctionConfig awaitState(String qualifiedName, String state) throws Exception {
        FunctionRef ref = FunctionRef.parse(qualifiedName);
        FunctionConfig[] last = new FunctionConfig[1];
        await(() -> qualifiedName + " did not become " + state + ": " + last[0].state(), () -> {
            last[0] = controlPlane.functions().configuration(ref);
            return last[0].state().is(state);
        });
        return last[0];
    }

    /** Polls until {@code condition} holds, for work the control plane does after answering; fails after a minute. */
    static void await(Supplier<String> failure, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(100);
        }
    }

    FunctionConfig create(String name, byte[] zip) {
        return controlPlane.functions().create(request(name, zip, null));
    }

    static Requests.CreateFunction request(String name, byte[] zip, Boolean publish) {
        return request(name, zip, publish, null);
    }

    static Requests.CreateFunction request(String name, byte[] zip, Boolean publish, String snapStartApplyOn) {
        return new Requests.CreateFunction(name, "java17", ROLE, "example.Handler::handleRequest",
                new Requests.FunctionCode(zip, null, null, null, null), null, null, null, publish, null,
                new Requests.Environment(Map.of("GREETING", "hi")), Map.of("team", "a"),
                snapStartApplyOn == null ? null : new Requests.SnapStart(snapStartApplyOn), null, null, null, null);
    }

    private ControlPlane open() {
        return ControlPlane.open(new ControlPlaneConfig(dataDir, "us-east-1", "000000000000", CONCURRENCY_LIMIT,
                snapStartInactivity, FunctionCredentials.NONE, databaseUrl, ControlPlaneConfig.LOCAL_NODE), worker,
                snapshots);
    }

    @Override
    public void close() {
        controlPlane.close();
        worker.close();
        snapshots.close();
    }
}
