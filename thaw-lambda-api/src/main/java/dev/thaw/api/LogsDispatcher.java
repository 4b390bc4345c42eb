package dev.thaw.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.thaw.api.LogsShapes.DescribeLogGroupsRequest;
import dev.thaw.api.LogsShapes.DescribeLogStreamsRequest;
import dev.thaw.api.LogsShapes.FilterLogEventsRequest;
import dev.thaw.api.LogsShapes.GetLogEventsRequest;
import dev.thaw.api.LogsShapes.RetentionPolicyRequest;
import dev.thaw.api.auth.AuthException;
import dev.thaw.api.auth.RequestHead;
import dev.thaw.api.auth.SignatureClaim;
import dev.thaw.api.auth.SignatureVerifier;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.controlplane.logs.EventsPage;
import dev.thaw.controlplane.logs.Listing;
import dev.thaw.controlplane.logs.LogsService;
import dev.thaw.controlplane.logs.StreamOrder;
import dev.thaw.worker.logs.LogEvent;
import dev.thaw.worker.logs.LogGroup;
import dev.thaw.worker.logs.LogStreamSummary;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch Logs' JSON 1.1 protocol on the API's endpoint: {@code POST /} with {@code X-Amz-Target:
 * Logs_20140328.<operation>}, signed for service {@code logs}. Errors are that protocol's: status 400 (500 for
 * the server's own) and a body {@code {"__type", "message"}}. Any server sharing a database answers for all.
 */
final class LogsDispatcher implements ApiHandler.Dispatcher {

    static final String TARGET_PREFIX = "Logs_20140328.";
    static final String SIGNING_NAME = "logs";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final long MAX_BODY = 1024 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();


    private final LogsService logs;
    private final SignatureVerifier verifier;

    /** @param logs over every live server's logs, when servers share a database ({@link ClusterLogs}) */
    LogsDispatcher(LogsService logs, SignatureVerifier verifier) {
        this.logs = logs;
        this.verifier = verifier;
    }

    /** Whether a request is one of CloudWatch Logs', by its target header. */
    static boolean targets(RequestHead head) {
        return head.header("X-Amz-Target").map(target -> target.startsWith(TARGET_PREFIX)).orElse(false);
    }

    @Override
    public ApiResponse dispatch(InputStream in, RequestHead head, String requestId) throws IOException {
        String operation = head.header("X-Amz-Target").orElseThrow().substring(TARGET_PREFIX.length());
        try {
            SignatureClaim claim = verifier.check(head);
            byte[] body = Router.readBody(in, MAX_BODY, operation);
            claim.verify(body);
            if (!head.method().equals("POST")) {
                return error(400, "UnknownOperationException", "CloudWatch Logs operations are POST requests.");
            }
            return ok(answer(operation, body));
        } catch (AuthException e) {
            ApiHandler.drain(in);
            return error(400, e.failure().errorType(), e.getMessage());
        } catch (LambdaException e) {
            return error(e.status() >= 500 ? e.status() : 400, e.type(), e.getMessage());
        }
    }

    private Object answer(String operation, byte[] body) {
        return switch (operation) {
            case "DescribeLogGroups" -> describeLogGroups(read(body, DescribeLogGroupsRequest.class));
            case "DescribeLogStreams" -> describeLogStreams(read(body, DescribeLogStreamsRequest.class));
            case "GetLogEvents" -> getLogEvents(read(body, GetLogEventsRequest.class));
            case "FilterLogEvents" -> filterLogEvents(read(body, FilterLogEventsRequest.class));
            case "PutRetentionPolicy" -> {
                RetentionPolicyRequest request = read(body, RetentionPolicyRequest.class);
                logs.putRetentionPolicy(request.logGroupName(), request.retentionInDays());
                yield Map.of();
            }
            case "DeleteRetentionPolicy" -> {
                logs.deleteRetentionPolicy(read(body, RetentionPolicyRequest.class).logGroupName());
                yield Map.of();
            }
            default -> throw new LambdaException("UnknownOperationException", 400, "Unknown operation "
                    + LambdaException.echo(operation), Map.of(), Map.of());
        };
    }

    private LogsShapes.DescribeLogGroupsResponse describeLogGroups(DescribeLogGroupsRequest request) {
        Listing<LogGroup> page = logs.describeLogGroups(request.logGroupNamePrefix(), request.logGroupNamePattern(),
                request.nextToken(), request.limit());
        return new LogsShapes.DescribeLogGroupsResponse(page.items().stream().map(group -> new LogsShapes.LogGroup(
                logs.groupName(group), group.creationTime(),
                group.retentionInDays().isPresent() ? group.retentionInDays().getAsInt() : null, 0,
                logs.groupArn(group), group.storedBytes(), "STANDARD", logs.logGroupArn(group))).toList(),
                page.nextToken());
    }

    private LogsShapes.DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest request) {
        Listing<LogStreamSummary> page = logs.describeLogStreams(request.logGroupName(),
                request.logGroupIdentifier(), request.logStreamNamePrefix(), order(request.orderBy()),
                Boolean.TRUE.equals(request.descending()), request.nextToken(), request.limit());
        return new LogsShapes.DescribeLogStreamsResponse(page.items().stream().map(stream ->
                new LogsShapes.LogStream(stream.name().toString(), stream.firstEventTimestamp(),
                        stream.firstEventTimestamp(), stream.lastEventTimestamp(), stream.lastEventTimestamp(),
                        logs.streamArn(request.logGroupName(), request.logGroupIdentifier(), stream.name()),
                        stream.storedBytes())).toList(), page.nextToken());
    }

    private LogsShapes.GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
        if (request.logStreamName() == null) {
            throw missing("logStreamName");
        }
        EventsPage page = logs.getLogEvents(request.logGroupName(), request.logGroupIdentifier(),
                request.logStreamName(), request.startTime(), request.endTime(), request.nextToken(),
                request.limit(), Boolean.TRUE.equals(request.startFromHead()));
        return new LogsShapes.GetLogEventsResponse(page.events().stream().map(event ->
                new LogsShapes.OutputLogEvent(event.timestamp(), event.message(), event.ingestionTime())).toList(),
                page.nextForwardToken(), page.nextBackwardToken());
    }

    private LogsShapes.FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest request) {
        Listing<LogEvent> page = logs.filterLogEvents(request.logGroupName(), request.logGroupIdentifier(),
                request.logStreamNames(), request.logStreamNamePrefix(), request.startTime(), request.endTime(),
                request.filterPattern(), request.nextToken(), request.limit());
        return new LogsShapes.FilterLogEventsResponse(page.items().stream().map(event ->
                new LogsShapes.FilteredLogEvent(event.stream().toString(), event.timestamp(), event.message(),
                        event.ingestionTime(), event.eventId())).toList(), List.of(), page.nextToken());
    }

    private static StreamOrder order(String orderBy) {
        if (orderBy == null) {
            return null;
        }
        for (StreamOrder order : StreamOrder.values()) {
            if (order.name().equals(orderBy)) {
                return order;
            }
        }
        throw new LambdaException("InvalidParameterException", 400, "1 validation error detected: Value '"
                + LambdaException.echo(orderBy) + "' at 'orderBy' failed to satisfy constraint: Member must "
                + "satisfy enum value set: [LogStreamName, LastEventTime]", Map.of(), Map.of());
    }

    private static LambdaException missing(String member) {
        return new LambdaException("InvalidParameterException", 400, "1 validation error detected: Value null at '"
                + member + "' failed to satisfy constraint: Member must not be null", Map.of(), Map.of());
    }

    private static <T> T read(byte[] body, Class<T> type) {
        try {
            T value = JSON.readValue(body.length == 0 ? "{}".getBytes() : body, type);
            return Optional.ofNullable(value).orElseThrow(() -> serialization("the body is null"));
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw serialization(detail);
        }
    }

    private static LambdaException serialization(String detail) {
        return new LambdaException("SerializationException", 400, "Could not read the request: "
                + LambdaException.echo(detail), Map.of(), Map.of());
    }

    private static ApiResponse ok(Object body) {
        try {
            return new ApiResponse(200, Map.of("Content-Type", CONTENT_TYPE), JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }

    private static ApiResponse error(int status, String type, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", type);
        body.put("message", message);
        return ok(body).withStatus(status).withHeader("x-amzn-ErrorType", type);
    }
}
