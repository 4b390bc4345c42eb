package dev.thaw.runtime;

import dev.thaw.crac.Core;
import dev.thaw.runtime.channel.ControlFds;
import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.handler.HandlerAdapter;
import dev.thaw.runtime.init.FunctionInitializer;
import dev.thaw.runtime.init.InitFailure;
import dev.thaw.runtime.invoke.InvocationLoop;
import dev.thaw.runtime.loader.FunctionClassLoaders;
import dev.thaw.runtime.log.FunctionLog;
import dev.thaw.runtime.snapstart.SnapStartCoordinator;
import dev.thaw.runtime.snapstart.SnapStartFailure;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process inside an execution environment: the control channel to the worker is on its own descriptors
 * ({@link ControlFds}), stdout and stderr are appended to the function's log. Init runs once, then invocations are
 * served until the worker closes the channel; with SnapStart, the initialised process is checkpointed in between
 * and each restored copy carries on serving.
 */
public final class RuntimeMain {

    /** Read by {@code org.crac.Core} when it is first used: the package implementing the CRaC API. */
    private static final String CRAC_COMPAT_PROPERTY = "org.crac.Core.Compat";

    private RuntimeMain() {
    }

    public static void main(String[] args) {
        FrameChannel channel;
        FunctionLog log;
        try {
            channel = ControlFds.open();
            log = FunctionLog.install(channel);
        } catch (IOException | RuntimeException e) {
            exitReporting("cannot set up the control channel", e);
            return;
        }
        FunctionEnvironment function = FunctionEnvironment.of(System.getenv());
        // Before any function code runs, so that its org.crac registers with the context the runtime notifies.
        System.setProperty(CRAC_COMPAT_PROPERTY, Core.class.getPackageName());
        try {
            HandlerAdapter handler;
            try {
                handler = FunctionInitializer.initialize(function.handler(),
                        FunctionClassLoaders.forTaskRoot(function.taskRoot()));
            } catch (InitFailure failure) {
                log.write(failure.error().toLogText());
                log.flushPartialLines();
                channel.write(new Frame(Frame.Type.INIT_ERROR, failure.error().toJson()));
                System.exit(1);
                return;
            }
            log.flushPartialLines();
            channel.write(Frame.of(Frame.Type.READY));
            new InvocationLoop(channel, function, handler, log,
                    new SnapStartCoordinator(channel, log, Core.getGlobalContext(), function)).run();
        } catch (SnapStartFailure failure) {
            // Already reported to the worker; hooks left the function half torn down or half restored.
            System.exit(1);
        } catch (IOException | RuntimeException e) {
            // The channel broke or carried something that is not a frame: nobody sane is left to serve.
            exitReporting("the control channel failed", e);
        }
        // exit() rather than return: threads the function started must not keep the environment alive.
        System.exit(0);
    }

    /**
     * Ends the process with status 1, the cause written to stderr itself, which is the function's log: System.err
     * may lead to the broken channel, and without the cause nobody could tell why the environment ended.
     */
    private static void exitReporting(String what, Throwable cause) {
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        stderr.println("thaw-runtime: " + what + ":");
        cause.printStackTrace(stderr);
        System.exit(1);
    }
}
