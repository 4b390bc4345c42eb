package dev.thaw.controlplane;

import dev.thaw.worker.Worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The control plane of one server: opens the metadata store, the package store and the runtime mapping under the
 * data directory, gives the worker back its reserved concurrency, and wires the operation services together.
 */
public final class ControlPlane implements AutoCloseable {

    private static final int ASYNC_QUEUE_CAPACITY = 10_000;
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    private final MetadataStore store;
    private final AsyncInvoker async;
    private final Arns arns;
    private final PackageStore packages;
    private final FunctionService functions;
    private final VersionService versions;
    private final AliasService aliases;
    private final ConcurrencyService concurrency;
    private final TagService tags;
    private final InvocationService invocations;

    private ControlPlane(ControlPlaneConfig config, Worker worker, MetadataStore store) {
        this.store = store;
        this.arns = new Arns(config.region(), config.accountId());
        this.packages = new PackageStore(config.dataDir());
        RuntimeCatalog runtimes = RuntimeCatalog.load(config.dataDir(), JdkScanner.scan(JVM_DIRECTORY));
        MutationLock lock = new MutationLock();
        VersionResolver resolver = new VersionResolver(store, arns);
        this.versions = new VersionService(store, resolver, lock);
        this.functions = new FunctionService(store, packages, runtimes, resolver, versions, worker, lock);
        this.aliases = new AliasService(store, resolver, arns, lock);
        this.concurrency = new ConcurrencyService(store, resolver, worker, config.concurrencyLimit(), lock);
        this.tags = new TagService(store, resolver, lock);
        this.async = new AsyncInvoker(worker, AsyncInvoker.RetryPolicy.defaults(), ASYNC_QUEUE_CAPACITY);
        this.invocations = new InvocationService(resolver, runtimes, packages, worker, async, arns);
    }

    public static ControlPlane open(ControlPlaneConfig config, Worker worker) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MetadataStore store = MetadataStore.open(config.dataDir().resolve("metadata"));
        try {
            ControlPlane controlPlane = new ControlPlane(config, worker, store);
            controlPlane.concurrency.restore();
            return controlPlane;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Arns arns() {
        return arns;
    }

    public PackageStore packages() {
        return packages;
    }

    public FunctionService functions() {
        return functions;
    }

    public VersionService versions() {
        return versions;
    }

    public AliasService aliases() {
        return aliases;
    }

    public ConcurrencyService concurrency() {
        return concurrency;
    }

    public TagService tags() {
        return tags;
    }

    public InvocationService invocations() {
        return invocations;
    }

    /** Stops the async queue and closes the metadata store; the worker belongs to the caller. */
    @Override
    public void close() {
        async.close();
        store.close();
    }
}
