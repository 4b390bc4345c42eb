package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The functions' logs read as CloudWatch Logs serves them, with the SDK's CloudWatchLogsClient and the AWS CLI. */
class CloudWatchLogsTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    /** Lambda's stream names: the day, the version in brackets, the environment. */
    private static final Pattern STREAM = Pattern.compile("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]+");

    private static CloudWatchLogsClient logsClient;
    private final LambdaClient lambda = THAW.client();

    @TempDir
    Path workDir;

    private static CloudWatchLogsClient logs() {
        if (logsClient == null) {
            logsClient = LambdaClients.logsForEndpoint(THAW.endpoint(), THAW.credentialsFile());
        }
        return logsClient;
    }

    @AfterAll
    static void closeClient() {
        if (logsClient != null) {
            logsClient.close();
        }
    }

    @Test
    void theSdkReadsGroupsStreamsAndEvents() {
        THAW.createFunction("logs-sdk", "example.Logging");
        InvokeResponse first = invoke(lambda, "logs-sdk", "{\"marker\":\"m1\"}");
        invoke(lambda, "logs-sdk", "{\"marker\":\"m2\"}");
        String group = "/aws/lambda/logs-sdk";

        List<LogGroup> groups = logs().describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups();
        assertEquals(1, groups.size(), groups::toString);
        assertEquals("arn:aws:logs:" + ThawServerExtension.REGION + ":" + ThawServerExtension.ACCOUNT
                + ":log-group:" + group + ":*", groups.getFirst().arn());

        List<LogStream> streams = logs().describeLogStreams(r -> r.logGroupName(group)
                .orderBy(OrderBy.LAST_EVENT_TIME).descending(true)).logStreams();
        assertEquals(1, streams.size(), "both invocations ran in one environment: " + streams);
        String stream = streams.getFirst().logStreamName();
        assertTrue(STREAM.matcher(stream).matches(), stream);

        List<String> messages = logs().getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                .startFromHead(true)).events().stream().map(OutputLogEvent::message).toList();
        String requestId = first.responseMetadata().requestId();
        assertEquals("START RequestId: " + requestId + " Version: $LATEST\n", messages.getFirst(),
                "an event per line, each with its newline: " + messages);
        assertTrue(messages.contains("stdout m1\n"), messages::toString);
        assertTrue(messages.contains("logger m2\n"), "a line the logger left open ends before END: " + messages);
        assertTrue(messages.getLast().startsWith("REPORT RequestId: "), messages::toString);

        List<FilteredLogEvent> stdout = logs().filterLogEvents(r -> r.logGroupName(group).filterPattern("stdout"))
                .events();
        assertEquals(List.of("stdout m1\n", "stdout m2\n"), stdout.stream().map(FilteredLogEvent::message).toList());
        assertEquals(stream, stdout.getFirst().logStreamName());

        List<FilteredLogEvent> paged = logs().filterLogEventsPaginator(r -> r.logGroupName(group).limit(2))
                .events().stream().toList();
        assertEquals(messages, paged.stream().map(FilteredLogEvent::message).toList(),
                "page by page, every event once, in order");
        Set<String> ids = new HashSet<>();
        paged.forEach(event -> ids.add(event.eventId()));
        assertEquals(paged.size(), ids.size(), "event ids are unique");

        logs().putRetentionPolicy(r -> r.logGroupName(group).retentionInDays(7));
        assertEquals(7, logs().describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().getFirst()
                .retentionInDays());
        assertThrows(InvalidParameterException.class, () -> logs().putRetentionPolicy(r -> r.logGroupName(group)
                .retentionInDays(2)));
        logs().deleteRetentionPolicy(r -> r.logGroupName(group));
        assertEquals(null, logs().describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().getFirst()
                .retentionInDays());
        assertThrows(ResourceNotFoundException.class, () -> logs().filterLogEvents(r -> r.logGroupName(
                "/aws/lambda/never-created")));
        assertThrows(ResourceNotFoundException.class, () -> logs().getLogEvents(r -> r.logGroupName(group)
                .logStreamName("2020/01/01/[$LATEST]0000")));
    }

    @Test
    void theCliTailsAFunctionsLog() throws Exception {
        assumeTrue(AwsCli.installed(), "the AWS CLI is not installed");
        THAW.createFunction("logs-cli", "example.Logging");
        invoke(lambda, "logs-cli", "{\"marker\":\"before-tail\"}");
        AwsCli cli = THAW.awsCli(workDir);
        String group = "/aws/lambda/logs-cli";

        AwsCli.Result tail = cli.run("logs", "tail", group, "--since", "5m");
        assertEquals(0, tail.exitCode(), tail::toString);
        assertTrue(Pattern.compile("(?m)^\\S+ " + STREAM.pattern() + " stdout before-tail$").matcher(tail.stdout())
                .find(), tail::toString);

        AwsCli.Result reports = cli.run("logs", "tail", group, "--since", "5m", "--filter-pattern", "REPORT",
                "--format", "short");
        assertEquals(0, reports.exitCode(), reports::toString);
        assertTrue(reports.stdout().contains("REPORT RequestId: "), reports::toString);
        assertFalse(reports.stdout().contains("stdout before-tail"), reports::toString);

        AwsCli.Result none = cli.run("logs", "tail", "/aws/lambda/not-a-function");
        assertEquals(254, none.exitCode(), none::toString);
        assertTrue(none.stderr().contains("ResourceNotFoundException"), none::toString);

        JsonNode groups = cli.run("logs", "describe-log-groups", "--log-group-name-prefix", group).json();
        assertEquals(group, groups.path("logGroups").path(0).path("logGroupName").asText(), groups::toString);

        Path followed = workDir.resolve("follow.txt");
        Process follow = cli.start(followed, "logs", "tail", group, "--follow", "--since", "1m");
        try {
            invoke(lambda, "logs-cli", "{\"marker\":\"while-following\"}");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!read(followed).contains("stdout while-following") && Instant.now().isBefore(deadline)) {
                assertTrue(follow.isAlive(), () -> "tail --follow ended: " + read(followed));
                Thread.sleep(200);
            }
            assertTrue(read(followed).contains("stdout while-following"), () -> read(followed));
            assertTrue(read(followed).contains("stdout before-tail"), () -> read(followed));
        } finally {
            follow.destroyForcibly().waitFor();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
