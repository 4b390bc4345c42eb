package dev.thaw.runtime.log;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import dev.thaw.runtime.channel.FrameChannel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * The function's log: System.out, System.err, {@link LambdaRuntime#getLogger()} and the context's logger all
 * end up as LOG frames on the control channel. Stdout and stderr themselves are log pipes too, but only frames are
 * ordered with the invocation's result, so that what the function printed precedes its END line; the pipes carry
 * what is written behind Java's back (native code, child processes, the JVM's own messages).
 */
public final class FunctionLog {

    private final LogFrameOutputStream out;
    private final LogFrameOutputStream err;
    private final LambdaLogger logger;

    private FunctionLog(FrameChannel channel) {
        this.out = new LogFrameOutputStream(channel);
        this.err = new LogFrameOutputStream(channel);
        this.logger = new FrameLambdaLogger(channel);
    }

    /**
     * Redirects the standard streams and the static Lambda logger to the channel. Stdin is empty, as on Lambda.
     */
    public static FunctionLog install(FrameChannel channel) {
        FunctionLog log = new FunctionLog(channel);
        System.setOut(new PrintStream(log.out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(log.err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        bindLambdaRuntimeLogger(log.logger);
        return log;
    }

    public LambdaLogger logger() {
        return logger;
    }

    /** Writes the runtime's own report (such as a function error) to the log. */
    public void write(String text) {
        logger.log(text);
    }

    /** Sends unterminated lines left by the function, so that they precede the invocation's result. */
    public void flushPartialLines() throws IOException {
        System.out.flush();
        System.err.flush();
        out.flushPartialLine();
        err.flushPartialLine();
    }

    /** aws-lambda-java-core keeps the logger behind LambdaRuntime.getLogger() in a static field with no setter. */
    private static void bindLambdaRuntimeLogger(LambdaLogger logger) {
        try {
            Field field = LambdaRuntime.class.getDeclaredField("logger");
            field.setAccessible(true);
            field.set(null, logger);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind LambdaRuntime.getLogger()", e);
        }
    }
}
