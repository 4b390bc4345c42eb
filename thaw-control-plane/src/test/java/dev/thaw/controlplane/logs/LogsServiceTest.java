package dev.thaw.controlplane.logs;

import dev.thaw.controlplane.Arns;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.worker.logs.FunctionLogs;
import dev.thaw.worker.logs.LogEvent;
import dev.thaw.worker.logs.LogStream;
import dev.thaw.worker.logs.LogStreamSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogsServiceTest {

    private static final String GROUP = "/aws/lambda/fn";
    private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");

    @TempDir
    Path dir;

    private LogsService service;
    private LogStream first;
    private LogStream second;

    /** Two environments' streams: first writes at seconds 0, 2, 4, ...; second at 1, 3, 5, ... */
    @BeforeEach
    void writeTwoStreams() {
        Instant[] now = {START};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        FunctionLogs logs = new FunctionLogs(dir, clock, OptionalInt.empty());
        first = logs.stream("fn", "$LATEST", "aaaa");
        second = logs.stream("fn", "3", "bbbb");
        for (int i = 0; i < 10; i++) {
            now[0] = START.plusSeconds(i);
            (i % 2 == 0 ? first : second).output((i % 3 == 0 ? "ERROR " : "INFO ") + "line " + i + "\n");
        }
        now[0] = START.plus(Duration.ofMinutes(1));
        service = new LogsService(LogsSource.local(logs), new Arns("eu-west-1", "123456789012"));
    }

    @Test
    void filterInterleavesStreamsAndPagesOnWithoutRepeatsOrGaps() {
        List<String> messages = new ArrayList<>();
        String token = null;
        do {
            Listing<LogEvent> page = service.filterLogEvents(GROUP, null, null, null, null, null, null, token, 3);
            page.items().forEach(event -> messages.add(event.message().strip()));
            token = page.nextToken();
        } while (token != null);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add((i % 3 == 0 ? "ERROR " : "INFO ") + "line " + i);
        }
        assertEquals(expected, messages);
    }

    @Test
    void filterByPatternTimeAndStream() {
        assertEquals(List.of("ERROR line 0", "ERROR line 3", "ERROR line 6", "ERROR line 9"),
                messages(service.filterLogEvents(GROUP, null, null, null, null, null, "ERROR", null, null)));
        assertEquals(List.of("INFO line 2", "ERROR line 3", "INFO line 4"), messages(service.filterLogEvents(
                null, GROUP, null, null, START.plusSeconds(2).toEpochMilli(), START.plusSeconds(4).toEpochMilli(),
                null, null, null)));
        assertEquals(List.of("INFO line 1", "ERROR line 3", "INFO line 5", "INFO line 7", "ERROR line 9"),
                messages(service.filterLogEvents(GROUP, null, List.of(second.name().toString()), null, null, null,
                        null, null, null)));
        assertEquals(List.of("INFO line 2", "INFO line 4"), messages(service.filterLogEvents(GROUP, null, null,
                "2026/05/04/[$LATEST]", null, START.plusSeconds(5).toEpochMilli(), "-ERROR ?line ?nothing", null,
                null)));
    }

    @Test
    void getLogEventsReadsFromEitherEndAndItsTokensEndTheReading() {
        String stream = first.name().toString();
        EventsPage last = service.getLogEvents(GROUP, null, stream, null, null, null, 2, false);
        assertEquals(List.of("ERROR line 6", "INFO line 8"), messages(last.events()));
        EventsPage before = service.getLogEvents(GROUP, null, stream, null, null, last.nextBackwardToken(), 2, false);
        assertEquals(List.of("INFO line 2", "INFO line 4"),
                messages(before.events()));
        EventsPage head = service.getLogEvents(GROUP, null, stream, null, null, null, 3, true);
        assertEquals(List.of("ERROR line 0", "INFO line 2", "INFO line 4"), messages(head.events()));
        EventsPage rest = service.getLogEvents(GROUP, null, stream, null, null, head.nextForwardToken(), 3, true);
        assertEquals(List.of("ERROR line 6", "INFO line 8"), messages(rest.events()));
        EventsPage end = service.getLogEvents(GROUP, null, stream, null, null, rest.nextForwardToken(), 3, true);
        assertEquals(List.of(), end.events());
        assertEquals(rest.nextForwardToken(), end.nextForwardToken(), "at the end the token stays the same");
    }

    @Test
    void describeOrdersPagesAndNamesAsTheModelDoes() {
        Listing<LogStreamSummary> byTime = service.describeLogStreams(GROUP, null, null, StreamOrder.LastEventTime,
                true, null, 1);
        assertEquals(List.of(second.name()), byTime.items().stream().map(LogStreamSummary::name).toList());
        assertNotNull(byTime.nextToken());
        Listing<LogStreamSummary> next = service.describeLogStreams(GROUP, null, null, StreamOrder.LastEventTime,
                true, byTime.nextToken(), 1);
        assertEquals(List.of(first.name()), next.items().stream().map(LogStreamSummary::name).toList());
        assertNull(next.nextToken());
        assertEquals("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/fn:*",
                service.groupArn(service.describeLogGroups("/aws/lambda/", null, null, null).items().getFirst()));
        assertEquals(1, service.describeLogGroups(null, "FN", null, null).items().size(),
                "a pattern matches regardless of case");
    }

    @Test
    void badRequestsGetCloudWatchLogsErrors() {
        assertType("ResourceNotFoundException", () -> service.filterLogEvents("/aws/lambda/none", null, null, null,
                null, null, null, null, null));
        assertType("ResourceNotFoundException", () -> service.describeLogStreams("/other/group", null, null, null,
                false, null, null));
        assertType("ResourceNotFoundException", () -> service.getLogEvents(GROUP, null, "2026/05/04/[1]zzzz", null,
                null, null, null, false));
        assertType("InvalidParameterException", () -> service.describeLogStreams(GROUP, null, "2026",
                StreamOrder.LastEventTime, false, null, null));
        assertType("InvalidParameterException", () -> service.describeLogGroups(null, null, null, 51));
        assertType("InvalidParameterException", () -> service.filterLogEvents(GROUP, null, null, null, null, null,
                "{ $.level = \"x\" }", null, null));
        assertType("InvalidParameterException", () -> service.filterLogEvents(GROUP, null, null, null, null, null,
                null, "not-a-token", null));
        assertType("InvalidParameterException", () -> service.putRetentionPolicy(GROUP, 2));
        assertType("InvalidParameterException", () -> service.filterLogEvents(GROUP, GROUP, null, null, null, null,
                null, null, null));
    }

    private static void assertType(String type, Runnable call) {
        LambdaException error = assertThrows(LambdaException.class, call::run);
        assertEquals(type, error.type());
        assertEquals(400, error.status());
    }

    private static List<String> messages(Listing<LogEvent> page) {
        return messages(page.items());
    }

    private static List<String> messages(List<LogEvent> events) {
        return events.stream().map(event -> event.message().strip()).toList();
    }
}
