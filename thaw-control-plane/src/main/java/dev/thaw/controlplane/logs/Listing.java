package dev.thaw.controlplane.logs;

import java.util.List;

/** One page of a CloudWatch Logs listing; {@code nextToken} is null on the last. */
public record Listing<T>(List<T> items, String nextToken) {
}
