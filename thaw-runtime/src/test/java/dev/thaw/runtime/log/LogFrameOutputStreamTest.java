package dev.thaw.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFrameOutputStreamTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final FrameChannel channel = new FrameChannel(new ByteArrayInputStream(new byte[0]), wire);

    private List<String> sentLogs() throws IOException {
        FrameChannel reader = new FrameChannel(new ByteArrayInputStream(wire.toByteArray()), new ByteArrayOutputStream());
        List<String> logs = new ArrayList<>();
        for (Frame frame = reader.read(); frame != null; frame = reader.read()) {
            assertEquals(Frame.Type.LOG, frame.type());
            logs.add(new String(frame.payload(), StandardCharsets.UTF_8));
        }
        return logs;
    }

    @Test
    void sendsWholeLinesOnly() throws IOException {
        LogFrameOutputStream stream = new LogFrameOutputStream(channel);
        PrintStream out = new PrintStream(stream, true, StandardCharsets.UTF_8);
        out.print("hel");
        out.print("lo");
        out.flush();
        assertEquals(List.of(), sentLogs());
        out.println(" world");
        out.print("a\nb\nc");
        assertEquals(List.of("hello world\n", "a\nb\n"), sentLogs());
        stream.flushPartialLine();
        stream.flushPartialLine();
        assertEquals(List.of("hello world\n", "a\nb\n", "c"), sentLogs());
    }

    @Test
    void utf8SurvivesLineBuffering() throws IOException {
        PrintStream out = new PrintStream(new LogFrameOutputStream(channel), true, StandardCharsets.UTF_8);
        out.println("h\u00e9llo \u2603");
        assertEquals(List.of("h\u00e9llo \u2603\n"), sentLogs());
    }

    @Test
    void overlongLineIsSentInPieces() throws IOException {
        LogFrameOutputStream stream = new LogFrameOutputStream(channel);
        byte[] chunk = new byte[LogFrameOutputStream.MAX_PENDING / 2];
        java.util.Arrays.fill(chunk, (byte) 'x');
        stream.write(chunk);
        assertEquals(0, sentLogs().size());
        stream.write(chunk);
        assertEquals(1, sentLogs().size());
        assertEquals(LogFrameOutputStream.MAX_PENDING, sentLogs().get(0).length());
    }

    @Test
    void loggerCallsAreOneLineEach() throws IOException {
        FrameLambdaLogger logger = new FrameLambdaLogger(channel);
        logger.log("one");
        logger.log("two\n");
        logger.log("three".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("one\n", "two\n", "three\n"), sentLogs());
    }
}
