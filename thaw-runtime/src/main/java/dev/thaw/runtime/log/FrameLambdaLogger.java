package dev.thaw.runtime.log;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@link LambdaLogger} of the function: every call becomes one LOG frame, ended by a newline when the
 * message lacks one, as each call is a log event of its own on Lambda.
 */
public final class FrameLambdaLogger implements LambdaLogger {

    private final FrameChannel channel;

    public FrameLambdaLogger(FrameChannel channel) {
        this.channel = channel;
    }

    @Override
    public void log(String message) {
        log(String.valueOf(message).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void log(byte[] message) {
        byte[] line = message;
        if (line.length == 0 || line[line.length - 1] != '\n') {
            line = Arrays.copyOf(message, message.length + 1);
            line[message.length] = '\n';
        }
        try {
            channel.write(new Frame(Frame.Type.LOG, line));
        } catch (IOException e) {
            // The worker is gone; the invocation loop notices on its next read and the process ends.
        }
    }
}
