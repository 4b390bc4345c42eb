package dev.thaw.runtime.invoke;

import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.error.LambdaError;
import dev.thaw.runtime.log.FunctionLog;

/**
 * Ends an environment whose heap ran out: after an OutOfMemoryError the function's state cannot be trusted,
 * so the invocation gets its error response and the JVM halts. Everything this needs is allocated up front,
 * and a reserve is released first to give the report room.
 */
final class OutOfMemoryExit {

    private static final String TYPE = OutOfMemoryError.class.getName();
    private static final int RESERVE_BYTES = 1 << 20;

    private final FrameChannel channel;
    private final FunctionLog log;
    private final Frame fallback;
    private byte[] reserve = new byte[RESERVE_BYTES];

    OutOfMemoryExit(FrameChannel channel, FunctionLog log) {
        this.channel = channel;
        this.log = log;
        this.fallback = new Frame(Frame.Type.RESPONSE_ERROR, new LambdaError(TYPE, null, null).toJson());
    }

    void respondAndHalt(OutOfMemoryError error) {
        reserve = null;
        Frame response = fallback;
        try {
            LambdaError report = new LambdaError(TYPE, error.getLocalizedMessage(), error);
            response = new Frame(Frame.Type.RESPONSE_ERROR, report.toJson());
            log.write(report.toLogText());
            log.flushPartialLines();
        } catch (Throwable stillStarved) {
            // the pre-built response goes out instead
        }
        try {
            channel.write(response);
        } catch (Throwable ignored) {
            // nothing more can be done; the worker sees the process exit
        }
        Runtime.getRuntime().halt(1);
    }
}
