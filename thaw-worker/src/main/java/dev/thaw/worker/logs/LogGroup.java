package dev.thaw.worker.logs;

import java.util.OptionalInt;

/**
 * A function's log group, {@code /aws/lambda/<function>}: it appears with the function's first log line and stays
 * when the function is deleted, as in CloudWatch Logs.
 *
 * @param retentionInDays the retention in force: the group's own policy, else the operator's; empty: never expire
 */
public record LogGroup(String functionName, long creationTime, OptionalInt retentionInDays, long storedBytes) {
}
