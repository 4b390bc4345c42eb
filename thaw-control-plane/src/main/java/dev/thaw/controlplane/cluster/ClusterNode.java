package dev.thaw.controlplane.cluster;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One server of those sharing a database, as it registered itself.
 *
 * @param address   where the others reach its API
 * @param heartbeat when it last said it was alive
 */
public record ClusterNode(String nodeId, URI address, Instant started, Instant heartbeat) {

    /** Whether its lease, renewed by each heartbeat, still runs at {@code now}. */
    public boolean alive(Instant now, Duration lease) {
        return heartbeat.plus(lease).isAfter(now);
    }
}
