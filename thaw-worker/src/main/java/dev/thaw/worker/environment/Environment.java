package dev.thaw.worker.environment;

import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.channel.FrameTooLargeException;
import dev.thaw.runtime.channel.InvokeMessage;
import dev.thaw.snapshot.MemoryPlan;
import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.snapshot.SnapshotException;
import dev.thaw.worker.FunctionSpec;
import dev.thaw.worker.logs.InvocationLog;
import dev.thaw.worker.logs.LogSink;
import dev.thaw.worker.logs.LogStream;
import dev.thaw.worker.logs.LogStreamName;
import dev.thaw.worker.sandbox.RestoredCopy;
import dev.thaw.worker.sandbox.Sandbox;
import dev.thaw.worker.sandbox.SandboxLauncher;
import dev.thaw.worker.sandbox.SnapshotFiles;
import dev.thaw.worker.sandbox.SnapshotSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One execution environment: a sandboxed JVM running the thaw runtime, spoken to over its frame channel. Its output
 * (LOG frames, and the lines of the JVM's stdout and stderr) goes to its log stream, through the log of the
 * invocation that is running, if one is.
 */
public final class Environment {

    private static final String SNAP_START = "snap-start";

    private final String id;
    private final EnvironmentKey key;
    private final LogSink stream;
    private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
    private final Sandbox sandbox;
    private final FrameChannel channel;
    private volatile LogSink sink;
    private volatile EnvironmentGoneException gone;
    private volatile boolean retired;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private long idleSinceNanos;

    /** Starts the sandbox of a new environment, whose JVM's stdout and stderr lines go to the given consumer. */
    @FunctionalInterface
    private interface SandboxStart<E extends Exception> {
        Sandbox start(Consumer<String> logLines) throws E;
    }

    private <E extends Exception> Environment(String id, EnvironmentKey key, InvocationLog first, LogSink stream,
                                              SandboxStart<E> start) throws E {
        this.id = id;
        this.key = key;
        this.stream = stream;
        first.writeTo(stream);
        this.sink = first;
        this.sandbox = start.start(line -> sink.output(line + "\n"));
        this.channel = new FrameChannel(sandbox.fromRuntime(), sandbox.toRuntime());
        Thread.ofPlatform().daemon().name("environment-" + id).start(this::readFrames);
    }

    /**
     * Starts an environment writing to {@code stream}; its init output is also {@code initLog}'s. It is busy until
     * {@link #markIdle()}.
     */
    public static Environment launch(SandboxLauncher launcher, FunctionSpec spec, String id,
                                     String initializationType, InvocationLog initLog, LogStream stream)
            throws IOException {
        return new Environment(id, EnvironmentKey.of(spec), initLog, stream,
                logLines -> launcher.launch(spec, id, stream.name().toString(), initializationType, logLines));
    }

    /**
     * Starts an environment for a snapshot: AWS_LAMBDA_INITIALIZATION_TYPE=snap-start, the runtime started from the
     * snapshot's own copy of the runtime jar, with {@code extras}, output as with {@link #launch} ({@code stream}
     * need not be a log stream: a training run's output is nobody's), {@code streamName} its AWS_LAMBDA_LOG_STREAM_NAME.
     */
    public static Environment launchForSnapshot(SandboxLauncher launcher, FunctionSpec spec, String id,
                                                Path runtimeJar, SandboxLauncher.Extras extras, InvocationLog initLog,
                                                LogSink stream, LogStreamName streamName) throws IOException {
        return new Environment(id, EnvironmentKey.of(spec), initLog, stream,
                logLines -> launcher.launch(spec, id, streamName.toString(), SNAP_START, runtimeJar, extras,
                        logLines));
    }

    /**
     * Restores an environment from {@code spec}'s snapshot; its runtime waits for {@link Frame.Type#RESTORE}. Output
     * goes to the sinks as with {@link #launch}.
     */
    public static Environment restore(SandboxLauncher launcher, FunctionSpec spec, String id, SnapshotEngine engine,
                                      SnapshotSource source, Duration timeout, MemoryPlan memory,
                                      InvocationLog initLog, LogStream stream) throws SnapshotException {
        return new Environment(id, EnvironmentKey.of(spec), initLog, stream,
                logLines -> launcher.restore(spec, id, stream.name().toString(), engine, source, timeout, memory,
                        logLines));
    }

    private void readFrames() {
        try {
            Frame frame;
            while ((frame = channel.read()) != null) {
                if (frame.type() == Frame.Type.LOG) {
                    sink.output(new String(frame.payload(), StandardCharsets.UTF_8));
                } else {
                    replies.add(frame);
                }
            }
            replies.add(new EnvironmentGoneException("runtime closed the control channel",
                    EnvironmentGoneException.Reason.EXITED));
        } catch (FrameTooLargeException e) {
            replies.add(new EnvironmentGoneException("control channel failed: " + e.getMessage(),
                    EnvironmentGoneException.Reason.OVERSIZED_FRAME));
        } catch (IOException | RuntimeException e) {
            replies.add(new EnvironmentGoneException("control channel failed: " + e,
                    EnvironmentGoneException.Reason.BROKEN_CHANNEL));
        }
    }

    /** The next reply frame, or null when {@code deadlineNanos} ({@link System#nanoTime()}) passes first. */
    public Frame next(long deadlineNanos) throws EnvironmentGoneException, InterruptedException {
        if (gone != null) {
            throw gone;
        }
        Object reply = replies.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (reply instanceof EnvironmentGoneException e) {
            gone = e;
            throw e;
        }
        return (Frame) reply;
    }

    public void send(InvokeMessage message) throws EnvironmentGoneException {
        send(new Frame(Frame.Type.INVOKE, message.encode()));
    }

    public void send(Frame frame) throws EnvironmentGoneException {
        try {
            channel.write(frame);
        } catch (IOException e) {
            throw new EnvironmentGoneException("cannot write to the runtime: " + e.getMessage(),
                    EnvironmentGoneException.Reason.EXITED);
        }
    }

    public void markBusy(InvocationLog invocationLog) {
        invocationLog.writeTo(stream);
        sink = invocationLog;
    }

    /** Output from now on (background threads of the function) goes to the stream only. */
    public synchronized void markIdle() {
        sink = stream;
        idleSinceNanos = System.nanoTime();
    }

    synchronized long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** Whether it can serve another invocation: alive, channel intact, not retired. */
    public boolean usable() {
        return !retired && !stopped.get() && gone == null && replies.isEmpty() && sandbox.isAlive();
    }

    /** Marks it for stopping instead of reuse when its invocation ends. */
    void retire() {
        retired = true;
    }

    public String id() {
        return id;
    }

    public EnvironmentKey key() {
        return key;
    }

    /** {@link System#nanoTime()} when the environment's process was spawned. */
    public long spawnedAtNanos() {
        return sandbox.spawnedAtNanos();
    }

    /** For a restored environment: what it knows of its restore. */
    public Optional<RestoredCopy> restored() {
        return sandbox.restored();
    }

    public long maxMemoryUsedBytes() {
        return sandbox.maxMemoryUsedBytes();
    }

    public OptionalLong proportionalSetBytes() {
        return sandbox.proportionalSetBytes();
    }

    /** Waits (bounded) for the exited runtime's process to end and says how it ended. */
    public String awaitExit() throws InterruptedException {
        return sandbox.awaitExit(2_000);
    }

    public boolean oomKilled() {
        return sandbox.oomKilled();
    }

    /**
     * Checkpoints this environment (its runtime has answered CHECKPOINT_READY) into {@code snapshot}; the
     * environment is stopped afterwards, whatever the outcome.
     */
    public void checkpoint(SandboxLauncher launcher, SnapshotEngine engine, SnapshotFiles snapshot)
            throws SnapshotException, InterruptedException {
        stopped.set(true);
        try {
            launcher.checkpoint(sandbox, engine, snapshot);
        } finally {
            stream.flush();
        }
    }

    /** Kills the environment and removes everything it had on the host; false if it was stopped before. */
    public boolean stop() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        sandbox.close();
        stream.flush();
        return true;
    }
}
