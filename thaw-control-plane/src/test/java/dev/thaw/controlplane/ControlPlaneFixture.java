package dev.thaw.controlplane;

import dev.thaw.worker.ProcessWorker;
import dev.thaw.worker.RuntimeJar;
import dev.thaw.worker.WorkerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A control plane over a real worker and a real H2 database in a test's temporary directory. */
final class ControlPlaneFixture implements AutoCloseable {

    static final String ROLE = "arn:aws:iam::123456789012:role/lambda-ex";
    static final int CONCURRENCY_LIMIT = 8;

    final Path dataDir;
    private final ProcessWorker worker;
    ControlPlane controlPlane;

    ControlPlaneFixture(Path dataDir) {
        this.dataDir = dataDir;
        this.worker = new ProcessWorker(new WorkerConfig(dataDir, RuntimeJar.locate(), CONCURRENCY_LIMIT,
                Duration.ofMinutes(1), Duration.ofSeconds(10)));
        this.controlPlane = open();
    }

    /** Closes the control plane and opens a new one on the same data directory, as a restart does. */
    void reopen() {
        controlPlane.close();
        controlPlane = open();
    }

    FunctionConfig create(String name, byte[] zip) {
        return controlPlane.functions().create(request(name, zip, null));
    }

    static Requests.CreateFunction request(String name, byte[] zip, Boolean publish) {
        return new Requests.CreateFunction(name, "java17", ROLE, "example.Handler::handleRequest",
                new Requests.FunctionCode(zip, null, null, null, null), null, null, null, publish, null,
                new Requests.Environment(Map.of("GREETING", "hi")), Map.of("team", "a"), null, null);
    }

    private ControlPlane open() {
        return ControlPlane.open(new ControlPlaneConfig(dataDir, "us-east-1", "000000000000", CONCURRENCY_LIMIT),
                worker);
    }

    @Override
    public void close() {
        controlPlane.close();
        worker.close();
    }
}
