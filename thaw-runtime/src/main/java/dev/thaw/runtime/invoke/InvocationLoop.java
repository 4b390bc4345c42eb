package dev.thaw.runtime.invoke;

import dev.thaw.runtime.FunctionEnvironment;
import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.channel.InvokeMessage;
import dev.thaw.runtime.context.InvocationContext;
import dev.thaw.runtime.error.LambdaError;
import dev.thaw.runtime.error.StackTraces;
import dev.thaw.runtime.handler.HandlerAdapter;
import dev.thaw.runtime.log.FunctionLog;
import dev.thaw.runtime.snapstart.SnapStartCoordinator;
import dev.thaw.runtime.snapstart.SnapStartFailure;
import java.io.IOException;

/**
 * Serves invocations one at a time: reads an INVOKE frame, runs the handler, answers RESPONSE or
 * RESPONSE_ERROR. The function's output is flushed before each answer so the worker has the whole log of an
 * invocation when its result arrives. CHECKPOINT and RESTORE frames go to the SnapStart coordinator.
 */
public final class InvocationLoop {

    private final FrameChannel channel;
    /** Read again after a restore: a restored copy has a log stream of its own. */
    private FunctionEnvironment function;
    private final HandlerAdapter handler;
    private final FunctionLog log;
    private final SnapStartCoordinator snapStart;
    private final OutOfMemoryExit outOfMemory;

    public InvocationLoop(FrameChannel channel, FunctionEnvironment function, HandlerAdapter handler, FunctionLog log,
                          SnapStartCoordinator snapStart) {
        this.channel = channel;
        this.function = function;
        this.handler = handler;
        this.log = log;
        this.snapStart = snapStart;
        this.outOfMemory = new OutOfMemoryExit(channel, log);
    }

    /**
     * Returns at the end of the channel's input, when the worker is done with this environment; throws when a
     * checkpoint or restore failed, which ends it too.
     */
    public void run() throws IOException, SnapStartFailure {
        for (Frame frame = channel.read(); frame != null; frame = channel.read()) {
            switch (frame.type()) {
                case INVOKE -> channel.write(invoke(InvokeMessage.decode(frame.payload())));
                case CHECKPOINT, RESTORE -> {
                    if (!snapStart.serve(frame)) {
                        return;
                    }
                    function = FunctionEnvironment.of(System.getenv());
                }
                default -> log.write("thaw-runtime: ignoring unexpected " + frame.type() + " frame");
            }
        }
    }

    private Frame invoke(InvokeMessage message) throws IOException {
        try {
            Frame response;
            try {
                byte[] output = handler.invoke(message.payload(), new InvocationContext(function, message, log.logger()));
                response = new Frame(Frame.Type.RESPONSE, output);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable t) {
                LambdaError error = LambdaError.of(StackTraces.trimRuntimeFrames(t));
                log.write(error.toLogText());
                response = new Frame(Frame.Type.RESPONSE_ERROR, error.toJson());
            }
            log.flushPartialLines();
            return response;
        } catch (OutOfMemoryError e) {
            outOfMemory.respondAndHalt(e);
            throw e;
        }
    }
}
