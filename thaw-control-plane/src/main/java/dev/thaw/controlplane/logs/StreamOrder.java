package dev.thaw.controlplane.logs;

/** DescribeLogStreams' {@code orderBy}, spelled as the model spells its values. */
public enum StreamOrder {
    LogStreamName,
    LastEventTime
}
