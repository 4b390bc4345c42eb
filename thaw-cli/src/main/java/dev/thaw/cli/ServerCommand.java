package dev.thaw.cli;

import dev.thaw.worker.FunctionNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code thaw server}: runs a server until SIGINT or SIGTERM, then closes it cleanly. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the Thaw server.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "API port (default: ${DEFAULT-VALUE}).", defaultValue = "9400")
    int port;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String bindAddress;

    @Option(names = "--data-dir", description = "Data directory (default: ~/.thaw).")
    Path dataDir;

    @Option(names = "--concurrency", description = "Most invocations running at once (default: ${DEFAULT-VALUE}).",
            defaultValue = "32")
    int concurrency;

    @Option(names = "--idle-timeout", description = "Seconds before an idle environment stops (default: 600).")
    Long idleTimeoutSeconds;

    @Option(names = "--snapstart-inactivity", paramLabel = "SECONDS",
            description = "Seconds without invocations before a SnapStart version goes Inactive and its snapshot is "
                    + "deleted (default: 1209600, 14 days).")
    Long snapStartInactivitySeconds;

    @Option(names = "--snapstart-restore-timeout", paramLabel = "SECONDS",
            description = "Limit for restoring an environment from its snapshot, afterRestore hooks included; "
                    + "beyond it the invocation fails with SnapStartTimeoutException (default: 10).")
    Long restoreTimeoutSeconds;

    @Option(names = "--aot-cache", description = "Environments started on demand on JDK 25+ use the JDK's AOT cache, "
            + "recorded by the first one of each function revision.")
    boolean aotCache;

    @Option(names = "--prepared-cache-size", paramLabel = "MIB", description = "Memory-backed space for snapshots "
            + "kept fetched and verified, ready to restore; 0 fetches at every restore (default: 1024).")
    Long preparedCacheMib;

    @Option(names = "--function-network", paramLabel = "MODE", description = "What functions' networks reach: "
            + "egress (outbound connections and DNS) or none (loopback inside the environment only); the host's "
            + "loopback services never (default: egress).", defaultValue = "egress",
            converter = FunctionNetworkConverter.class)
    FunctionNetwork functionNetwork;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws Exception {
        ServerOptions options = ServerOptions.defaults(dataDir == null ? DataDirs.defaultDataDir() : dataDir)
                .withPort(port).withBindAddress(bindAddress).withConcurrencyLimit(concurrency);
        if (idleTimeoutSeconds != null) {
            options = options.withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds));
        }
        if (snapStartInactivitySeconds != null) {
            options = options.withSnapStartInactivity(Duration.ofSeconds(snapStartInactivitySeconds));
        }
        if (restoreTimeoutSeconds != null) {
            options = options.withRestoreTimeout(Duration.ofSeconds(restoreTimeoutSeconds));
        }
        options = options.withStore(store.config(options.dataDir())).withAotCache(aotCache)
                .withFunctionNetwork(functionNetwork);
        if (preparedCacheMib != null) {
            options = options.withPreparedImageCache(preparedCacheMib * 1024 * 1024);
        }
        ThawServer server = ThawServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "thaw-shutdown"));
        stopped.await();
        return 0;
    }

    /** Lower-case mode names, as the other options spell their values. */
    static final class FunctionNetworkConverter implements CommandLine.ITypeConverter<FunctionNetwork> {

        @Override
        public FunctionNetwork convert(String value) {
            for (FunctionNetwork mode : FunctionNetwork.values()) {
                if (mode.name().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new CommandLine.TypeConversionException("expected egress or none, not '" + value + "'");
        }
    }
}
