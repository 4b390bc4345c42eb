package dev.thaw.runtime.snapstart;

import dev.thaw.crac.CheckpointException;
import dev.thaw.crac.Context;
import dev.thaw.crac.Resource;
import dev.thaw.crac.RestoreException;
import dev.thaw.runtime.FunctionEnvironment;
import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.channel.RestoreMessage;
import dev.thaw.runtime.error.LambdaError;
import dev.thaw.runtime.error.StackTraces;
import dev.thaw.runtime.log.FunctionLog;
import java.io.IOException;
import java.util.List;

/**
 * The runtime's side of a SnapStart checkpoint: CHECKPOINT runs the beforeCheckpoint hooks and is answered
 * CHECKPOINT_READY once nothing is left in flight; the process then waits for RESTORE, which each restored
 * copy receives on its fresh pipes, runs the afterRestore hooks and is answered RESTORED.
 */
public final class SnapStartCoordinator {

    private final FrameChannel channel;
    private final FunctionLog log;
    private final Context<Resource> hooks;
    private final FunctionEnvironment function;

    public SnapStartCoordinator(FrameChannel channel, FunctionLog log, Context<Resource> hooks,
                                FunctionEnvironment function) {
        this.channel = channel;
        this.log = log;
        this.hooks = hooks;
        this.function = function;
    }

    /**
     * Serves a CHECKPOINT or RESTORE frame received between invocations. Returns true when the process is
     * ready for invocations again (as a restored copy), false when the channel ended while it waited for
     * RESTORE.
     */
    public boolean serve(Frame frame) throws IOException, SnapStartFailure {
        if (frame.type() != Frame.Type.CHECKPOINT) {
            throw protocolError(frame.type() + " without a CHECKPOINT before it");
        }
        try {
            hooks.beforeCheckpoint(null);
        } catch (Throwable t) {
            throw hookFailure(Frame.Type.CHECKPOINT_ERROR, t);
        }
        RuntimePriming.run(function, log);
        // The snapshot holds whatever is buffered: each restored copy would send it again.
        log.flushPartialLines();
        channel.write(Frame.of(Frame.Type.CHECKPOINT_READY));
        // The checkpoint is taken while this read blocks; restored copies return from it on their own pipes.
        Frame next = channel.read();
        if (next == null) {
            return false;
        }
        if (next.type() != Frame.Type.RESTORE) {
            throw protocolError("expected RESTORE after CHECKPOINT_READY, got " + next.type());
        }
        try {
            RestoredEnvironment.apply(RestoreMessage.decode(next.payload()).environment());
        } catch (ReflectiveOperationException | RuntimeException e) {
            // The SDK v2 reads the token's system property, which is set; other readers of the variable are not.
            log.write("thaw-runtime: the restored copy's environment variables could not be updated: " + e + "\n");
        }
        try {
            hooks.afterRestore(null);
        } catch (Throwable t) {
            throw hookFailure(Frame.Type.RESTORE_ERROR, t);
        }
        log.flushPartialLines();
        channel.write(Frame.of(Frame.Type.RESTORED));
        return true;
    }

    /**
     * Reports failed hooks: each failure goes to the log, the first (in the order the hooks ran) is the error
     * the worker gets.
     */
    private SnapStartFailure hookFailure(Frame.Type type, Throwable thrown) throws IOException {
        List<Throwable> failures = hookFailures(thrown);
        for (Throwable failure : failures) {
            log.write(LambdaError.of(StackTraces.trimRuntimeFrames(failure)).toLogText());
        }
        log.flushPartialLines();
        channel.write(new Frame(type, LambdaError.of(failures.get(0)).toJson()));
        return new SnapStartFailure(type + " reported");
    }

    /** The context's exception only collects the hooks' own failures, which are what the function author needs. */
    private static List<Throwable> hookFailures(Throwable thrown) {
        boolean collected = thrown instanceof CheckpointException || thrown instanceof RestoreException;
        if (collected && thrown.getSuppressed().length > 0) {
            return List.of(thrown.getSuppressed());
        }
        return List.of(thrown);
    }

    /** The worker broke the exchange: the restored state, if any, is not one the runtime prepared. */
    private SnapStartFailure protocolError(String message) throws IOException {
        LambdaError error = new LambdaError(IllegalStateException.class.getName(), message, null);
        log.write(error.toLogText());
        log.flushPartialLines();
        channel.write(new Frame(Frame.Type.RESTORE_ERROR, error.toJson()));
        return new SnapStartFailure(message);
    }
}
