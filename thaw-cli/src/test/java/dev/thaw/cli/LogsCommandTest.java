package dev.thaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogsCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void printsTheWorkersLogOfTheNamedFunction() throws Exception {
        Files.createDirectories(dataDir.resolve("logs"));
        Files.writeString(dataDir.resolve("logs/hello.log"), "START RequestId: 1 Version: $LATEST\nhi\n");
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
        assertEquals("START RequestId: 1 Version: $LATEST\nhi\n", out.toString(StandardCharsets.UTF_8));
    }
}
