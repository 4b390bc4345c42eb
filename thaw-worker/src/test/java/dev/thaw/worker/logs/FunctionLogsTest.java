package dev.thaw.worker.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionLogsTest {

    private static final Instant START = Instant.parse("2026-03-01T23:59:59.500Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);

    @Test
    void eachLineIsAnEventOfItsEnvironmentsStreamNamedAsLambdaNamesIt() {
        FunctionLogs logs = new FunctionLogs(dir, clock, OptionalInt.empty());
        LogStream stream = logs.stream("fn", "$LATEST", "0a1b");
        stream.output("one\ntw");
        clock.advance(Duration.ofMillis(700));
        stream.output("o\nthree\n");
        stream.output("unterminated");
        stream.flush();

        assertEquals("2026/03/01/[$LATEST]0a1b", stream.name().toString());
        List<LogEvent> events = events(logs, "fn", stream.name());
        assertEquals(List.of("one\n", "two\n", "three\n", "unterminated"), events.stream().map(LogEvent::message)
                .toList());
        assertEquals(List.of(0L, 1L, 2L, 3L), events.stream().map(LogEvent::sequence).toList());
        assertEquals(START.toEpochMilli(), events.get(0).timestamp());
        assertEquals(START.toEpochMilli() + 700, events.get(1).timestamp(), "a line is stamped as it completes");
        LogGroup group = logs.group("fn").orElseThrow();
        assertEquals(START.toEpochMilli(), group.creationTime());
        assertTrue(group.storedBytes() > 0);
        LogStreamSummary summary = logs.streams("fn").getFirst();
        assertEquals(START.toEpochMilli(), summary.firstEventTimestamp());
        assertEquals(START.toEpochMilli() + 700, summary.lastEventTimestamp());
    }

    @Test
    void theWholeLogMergesStreamsInTimeOrder() {
        FunctionLogs logs = new FunctionLogs(dir, clock, OptionalInt.empty());
        LogStream first = logs.stream("fn", "1", "aaaa");
        LogStream second = logs.stream("fn", "1", "bbbb");
        first.output("a1\n");
        clock.advance(Duration.ofSeconds(1));
        second.output("b1\n");
        clock.advance(Duration.ofSeconds(1));
        first.output("a2\n");
        assertEquals("a1\nb1\na2\n", logs.read("fn"));
        assertEquals(List.of("fn"), logs.groups().stream().map(LogGroup::functionName).toList());
        assertEquals("", logs.read("never-logged"));
    }

    @Test
    void readsStartAtTheHourTheyAskForAndSkipATornLastRecord() throws Exception {
        FunctionLogs logs = new FunctionLogs(dir, clock, OptionalInt.empty());
        LogStream stream = logs.stream("fn", "$LATEST", "cccc");
        stream.output("before midnight\n");
        clock.advance(Duration.ofHours(2));
        stream.output("two hours later\n");
        long later = clock.millis();
        Path segment = LogSegments.segment(dir.resolve("fn").resolve(stream.name().directory()), later);
        Files.writeString(segment, "{\"n\":2,\"t\":", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        List<String> fromLater = new ArrayList<>();
        logs.events("fn", stream.name(), later).forEachRemaining(event -> fromLater.add(event.message()));
        assertEquals(List.of("two hours later\n"), fromLater);
        assertEquals(2, events(logs, "fn", stream.name()).size());
    }

    @Test
    void retentionHidesOldEventsAndDeletesTheirHours() {
        FunctionLogs logs = new FunctionLogs(dir, clock, OptionalInt.of(1));
        LogStream old = logs.stream("fn", "$LATEST", "dddd");
        old.output("old\n");
        clock.advance(Duration.ofHours(20));
        LogStream recent = logs.stream("fn", "$LATEST", "eeee");
        recent.output("recent\n");
        clock.advance(Duration.ofHours(6));

        assertEquals(OptionalInt.of(1), logs.group("fn").orElseThrow().retentionInDays());
        assertEquals("recent\n", logs.read("fn"), "past its retention, an event is not read");
        logs.expire();
        assertFalse(Files.exists(dir.resolve("fn").resolve(old.name().directory())), "its stream is gone");
        assertEquals(1, logs.streams("fn").size());

        assertTrue(logs.setRetention("fn", OptionalInt.of(3)));
        assertEquals(OptionalInt.of(3), logs.group("fn").orElseThrow().retentionInDays());
        assertTrue(logs.setRetention("fn", OptionalInt.empty()));
        assertEquals(OptionalInt.of(1), logs.group("fn").orElseThrow().retentionInDays(),
                "without its own policy a group has the operator's");
        assertFalse(logs.setRetention("other", OptionalInt.of(3)));
        assertThrows(IllegalArgumentException.class, () -> logs.setRetention("fn", OptionalInt.of(2)));
    }

    @Test
    void namesThatCouldLeaveTheDirectoryAreRefused() {
        FunctionLogs logs = new FunctionLogs(dir, clock, OptionalInt.empty());
        assertThrows(IllegalArgumentException.class, () -> logs.stream("../x", "$LATEST", "ffff"));
        assertThrows(IllegalArgumentException.class, () -> logs.stream("fn", "../1", "ffff"));
        assertThrows(IllegalArgumentException.class, () -> logs.stream("fn", "1", "a/b"));
        assertTrue(logs.group("../x").isEmpty());
        assertEquals(LogStreamName.parse("2026/03/01/[7]abcd").orElseThrow(),
                new LogStreamName(java.time.LocalDate.of(2026, 3, 1), "7", "abcd"));
        assertTrue(LogStreamName.parse("2026/03/01/[7]../x").isEmpty());
    }

    private static List<LogEvent> events(FunctionLogs logs, String function, LogStreamName stream) {
        List<LogEvent> events = new ArrayList<>();
        logs.events(function, stream, 0).forEachRemaining(events::add);
        return events;
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
