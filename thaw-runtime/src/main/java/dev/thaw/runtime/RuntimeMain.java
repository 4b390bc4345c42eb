package dev.thaw.runtime;

import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.handler.HandlerAdapter;
import dev.thaw.runtime.init.FunctionInitializer;
import dev.thaw.runtime.init.InitFailure;
import dev.thaw.runtime.invoke.InvocationLoop;
import dev.thaw.runtime.loader.FunctionClassLoaders;
import dev.thaw.runtime.log.FunctionLog;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The process inside an execution environment: stdin and stdout are the control channel to the worker,
 * stderr is appended to the function's log. Init runs once, then invocations are served until the worker
 * closes the channel.
 */
public final class RuntimeMain {

    private RuntimeMain() {
    }

    public static void main(String[] args) {
        // Claimed before anything can print: from here on stdout carries frames only.
        FrameChannel channel = new FrameChannel(new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out));
        FunctionLog log = FunctionLog.install(channel);
        FunctionEnvironment function = FunctionEnvironment.of(System.getenv());
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
            new InvocationLoop(channel, function, handler, log).run();
        } catch (IOException | RuntimeException e) {
            // The channel broke or carried something that is not a frame: nobody sane is left to serve.
            System.exit(1);
        }
        // exit() rather than return: threads the function started must not keep the environment alive.
        System.exit(0);
    }
}
