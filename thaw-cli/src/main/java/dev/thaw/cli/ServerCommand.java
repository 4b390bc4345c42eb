package dev.thaw.cli;

import dev.thaw.controlplane.Arns;
import dev.thaw.worker.FunctionNetwork;
import dev.thaw.worker.logs.FunctionLogs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/** {@code thaw server}: runs a server until SIGINT or SIGTERM, then closes it cleanly. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the Thaw server.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "API port (default: ${DEFAULT-VALUE}).", defaultValue = "9400")
    int port;

    @Option(names = "--url-port", description = "Function URLs' port, on the --bind address; 0 picks a free one "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "9401")
    int urlPort;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String bindAddress;

    @Option(names = "--data-dir", description = "Data directory (default: ~/.thaw).")
    Path dataDir;

    @Option(names = "--concurrency", description = "The account's concurrency limit: most invocations running at once "
            + "(default: ${DEFAULT-VALUE}). Servers sharing a database split it between them; give each the same.",
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

    @Option(names = "--lazy-restore", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Restored copies resume before their memory is loaded and get its pages as they need them "
                    + "and in the background (needs userfaultfd; else restores stay eager); --no-lazy-restore loads "
                    + "every page first (default: lazy).")
    boolean lazyRestore;

    @Option(names = "--prepared-cache-size", paramLabel = "MIB", description = "Memory-backed space for snapshots "
            + "kept fetched and verified, ready to restore; 0 fetches at every restore (default: 1024).")
    Long preparedCacheMib;

    @Option(names = "--function-network", paramLabel = "MODE", description = "What functions' networks reach: "
            + "egress (outbound connections and DNS) or none (loopback inside the environment only); the host's "
            + "loopback services never (default: egress).", defaultValue = "egress",
            converter = FunctionNetworkConverter.class)
    FunctionNetwork functionNetwork;

    @Option(names = "--log-retention-days", paramLabel = "DAYS", description = "How long functions' log groups "
            + "keep events unless PutRetentionPolicy gave them a retention of their own; one of CloudWatch Logs' "
            + "periods (1, 3, 5, 7, 14, 30, 60, 90, ... 3653) (default: forever).")
    Integer logRetentionDays;

    @Mixin
    StoreOptions store;

    @Option(names = "--region", description = "The region in ARNs and functions' AWS_REGION "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "us-east-1", converter = RegionConverter.class)
    String region;

    @Option(names = "--account-id", paramLabel = "ID", description = "The 12-digit account id in ARNs "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "000000000000", converter = AccountIdConverter.class)
    String accountId;

    @Option(names = "--credentials-file", paramLabel = "FILE", description = "The keys whose signatures the API "
            + "accepts, an AWS shared-credentials file, one key per [profile] (default: <data-dir>/credentials, "
            + "created with a fresh key on first start).")
    Path credentialsFile;

    @Option(names = "--function-credentials", paramLabel = "FILE", description = "What functions get for their "
            + "execution roles: an AWS shared-credentials file with a [role ARN] or [*] section per mapping "
            + "(aws_access_key_id, aws_secret_access_key, optionally aws_session_token) (default: none).")
    Path functionCredentials;

    @Option(names = "--database-url", paramLabel = "JDBC-URL", description = "Keep the metadata in this "
            + "PostgreSQL database, e.g. jdbc:postgresql://db.internal:5432/thaw?user=thaw (the password in "
            + "~/.pgpass or the URL) (default: an embedded database in the data directory).")
    String databaseUrl;

    @Option(names = "--node-id", paramLabel = "NAME", description = "This server's name among those sharing "
            + "--database-url (default: the host name and a random suffix).")
    String nodeId;

    @Option(names = "--node-address", paramLabel = "URL", description = "Where the other servers sharing "
            + "--database-url reach this one's API (default: the address and port it listens on).")
    URI nodeAddress;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain "
            + "(the server's certificate first); needs --tls-key.")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-cert: PKCS#8, or "
            + "PKCS#1 RSA or SEC1 EC, unencrypted.")
    Path tlsKey;

    @Option(names = "--public-host", paramLabel = "NAME", description = "A host name (or name:port) clients reach "
            + "the server by, beyond its bind address; repeatable. Requests naming any other host are refused.")
    List<String> publicHosts = new ArrayList<>();

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN", description = "A web origin (scheme://host[:port]) "
            + "whose pages may call the API; repeatable (default: none, requests from browsers are refused).")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--metrics-bind", paramLabel = "ADDR:PORT", converter = SocketAddressConverter.class,
            description = "Serve /metrics without a signature on this loopback address and port, for a local "
                    + "Prometheus (default: none; /metrics on the API port needs a signature).")
    InetSocketAddress metricsBind;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServerOptions options = ServerOptions.defaults(dataDir == null ? DataDirs.defaultDataDir() : dataDir)
                .withPort(port).withUrlPort(urlPort).withBindAddress(bindAddress).withConcurrencyLimit(concurrency)
                .withRegion(region).withAccountId(accountId);
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
                .withFunctionNetwork(functionNetwork).withLazyRestore(lazyRestore)
                .withLogRetentionDays(logRetentionDays == null ? OptionalInt.empty() : retention(logRetentionDays))
                .withFunctionCredentials(Optional.ofNullable(functionCredentials))
                .withCluster(new ClusterOptions(Optional.ofNullable(databaseUrl), Optional.ofNullable(nodeId),
                        Optional.ofNullable(nodeAddress)));
        if (preparedCacheMib != null) {
            options = options.withPreparedImageCache(preparedCacheMib * 1024 * 1024);
        }
        options = options.withAccess(access());
        ThawServer server = ThawServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "thaw-shutdown"));
        stopped.await();
        return 0;
    }

    private OptionalInt retention(int days) {
        try {
            FunctionLogs.checkRetention(days);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log-retention-days: " + e.getMessage());
        }
        return OptionalInt.of(days);
    }

    private ApiAccess access() {
        ApiAccess access = ApiAccess.defaults().withPublicHosts(publicHosts).withAllowedOrigins(allowedOrigins);
        if (credentialsFile != null) {
            access = access.withCredentialsFile(credentialsFile);
        }
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (tlsCertificate != null) {
            access = access.withTls(new ApiAccess.TlsFiles(tlsCertificate, tlsKey));
        }
        if (metricsBind != null) {
            if (!metricsBind.getAddress().isLoopbackAddress()) {
                throw new ParameterException(spec.commandLine(), "--metrics-bind must be a loopback address "
                        + "(metrics without a signature stay on this machine), not " + metricsBind.getHostString());
            }
            access = access.withMetricsBind(metricsBind);
        }
        return access;
    }

    /** {@code ADDR:PORT}, the address a name, an IPv4 literal or an IPv6 literal in brackets. */
    static final class SocketAddressConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || value.indexOf(']') > colon) {
                throw new TypeConversionException("expected ADDR:PORT, not " + value);
            }
            String host = value.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
            try {
                InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(value.substring(colon + 1)));
                if (address.isUnresolved()) {
                    throw new TypeConversionException("unknown host " + host);
                }
                return address;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected ADDR:PORT with a port from 0 to 65535, not " + value);
            }
        }
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

    /** A region as Lambda's ARNs spell it. */
    static final class RegionConverter implements ITypeConverter<String> {
        private static final Pattern REGION = Pattern.compile(Arns.REGION_FORM);

        @Override
        public String convert(String value) {
            return matching(REGION, "a region such as eu-west-1", value);
        }
    }

    /** An account id as Lambda's ARNs spell it. */
    static final class AccountIdConverter implements ITypeConverter<String> {
        private static final Pattern ACCOUNT = Pattern.compile(Arns.ACCOUNT_FORM);

        @Override
        public String convert(String value) {
            return matching(ACCOUNT, "12 digits", value);
        }
    }

    private static String matching(Pattern allowed, String expected, String value) {
        if (!allowed.matcher(value).matches()) {
            throw new TypeConversionException("expected " + expected + ", not '" + value + "'");
        }
        return value;
    }
}
