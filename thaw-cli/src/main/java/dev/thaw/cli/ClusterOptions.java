package dev.thaw.cli;

import java.net.URI;
import java.util.Optional;

/**
 * How a server shares its metadata with others.
 *
 * @param databaseUrl the PostgreSQL database (JDBC URL) of the metadata; empty: embedded in the data directory, alone
 * @param nodeId      its name among the servers sharing the database; empty: the host name and a random suffix
 * @param address     where the other servers reach its API; empty: the endpoint it listens on
 */
public record ClusterOptions(Optional<String> databaseUrl, Optional<String> nodeId, Optional<URI> address) {

    public static final ClusterOptions ALONE = new ClusterOptions(Optional.empty(), Optional.empty(),
            Optional.empty());
}
