package dev.thaw.api;

import java.util.List;

/**
 * The CloudWatch Logs requests and responses served, member for member as botocore's {@code logs} model names
 * them (lower camel case, timestamps in epoch milliseconds).
 */
final class LogsShapes {

    private LogsShapes() {
    }

    record DescribeLogGroupsRequest(String logGroupNamePrefix, String logGroupNamePattern, String nextToken,
                                    Integer limit) {
    }

    record DescribeLogStreamsRequest(String logGroupName, String logGroupIdentifier, String logStreamNamePrefix,
                                     String orderBy, Boolean descending, String nextToken, Integer limit) {
    }

    record GetLogEventsRequest(String logGroupName, String logGroupIdentifier, String logStreamName, Long startTime,
                               Long endTime, String nextToken, Integer limit, Boolean startFromHead) {
    }

    record FilterLogEventsRequest(String logGroupName, String logGroupIdentifier, List<String> logStreamNames,
                                  String logStreamNamePrefix, Long startTime, Long endTime, String filterPattern,
                                  String nextToken, Integer limit) {
    }

    record RetentionPolicyRequest(String logGroupName, Integer retentionInDays) {
    }

    record LogGroup(String logGroupName, long creationTime, Integer retentionInDays, int metricFilterCount,
                    String arn, long storedBytes, String logGroupClass, String logGroupArn) {
    }

    record DescribeLogGroupsResponse(List<LogGroup> logGroups, String nextToken) {
    }

    record LogStream(String logStreamName, long creationTime, long firstEventTimestamp, long lastEventTimestamp,
                     long lastIngestionTime, String arn, long storedBytes) {
    }

    record DescribeLogStreamsResponse(List<LogStream> logStreams, String nextToken) {
    }

    record OutputLogEvent(long timestamp, String message, long ingestionTime) {
    }

    record GetLogEventsResponse(List<OutputLogEvent> events, String nextForwardToken, String nextBackwardToken) {
    }

    record FilteredLogEvent(String logStreamName, long timestamp, String message, long ingestionTime,
                            String eventId) {
    }

    /** {@code searchedLogStreams} is empty, as CloudWatch Logs has answered it since it stopped supporting it. */
    record FilterLogEventsResponse(List<FilteredLogEvent> events, List<Object> searchedLogStreams, String nextToken) {
    }
}
