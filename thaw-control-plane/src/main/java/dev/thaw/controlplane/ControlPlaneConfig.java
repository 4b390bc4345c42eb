package dev.thaw.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * @param dataDir             root of the metadata database, the packages, the unpacked code, the snapshots and the
 *                            runtime mapping
 * @param region              the region in every ARN
 * @param accountId           the account id in every ARN
 * @param concurrencyLimit    the account's concurrency limit, which reserved concurrency is carved out of
 * @param snapStartInactivity a SnapStart version not invoked for this long goes Inactive and its snapshot is deleted
 * @param functionCredentials what functions get for their execution roles
 * @param databaseUrl         the PostgreSQL database (a JDBC URL) the metadata lives in, which other servers may
 *                            share; empty for the embedded database in the data directory
 * @param nodeId              this server's name among those sharing the database
 */
public record ControlPlaneConfig(Path dataDir, String region, String accountId, int concurrencyLimit,
                                 Duration snapStartInactivity, FunctionCredentials functionCredentials,
                                 Optional<String> databaseUrl, String nodeId) {

    /** The node id of a server on the embedded database, which is alone. */
    public static final String LOCAL_NODE = "local";

    /** Lambda's inactivity period for SnapStart versions. */
    public static final Duration DEFAULT_SNAP_START_INACTIVITY = Duration.ofDays(14);
}
