package dev.thaw.cli;

import dev.thaw.worker.logs.FunctionLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogsCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void printsEveryStreamOfTheNamedFunctionInTimeOrder() {
        Path logs = dataDir.resolve("logs");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        // Written in another order than their times: what is printed follows the times.
        writer(logs, start.plusSeconds(1)).stream("hello", "$LATEST", "aaaa").output("START RequestId: 1\n");
        writer(logs, start.plusSeconds(2)).stream("hello", "$LATEST", "bbbb").output("hi\n");
        writer(logs, start).stream("hello", "$LATEST", "cccc").output("START RequestId: 0\n");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ThawCli()).execute("logs",
                    "arn:aws:lambda:us-east-1:000000000000:function:hello", "--data-dir", dataDir.toString());
            assertEquals(0, exit);
        } finally {
            System.setOut(original);
        }
        assertEquals("START RequestId: 0\nSTART RequestId: 1\nhi\n", out.toString(StandardCharsets.UTF_8));
    }

    private static FunctionLogs writer(Path logs, Instant at) {
        return new FunctionLogs(logs, Clock.fixed(at, ZoneOffset.UTC), OptionalInt.empty());
    }
}
