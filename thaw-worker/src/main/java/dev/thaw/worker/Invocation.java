package dev.thaw.worker;

import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.InvokeMessage;
import dev.thaw.runtime.channel.RestoreMessage;
import dev.thaw.snapshot.LazyMemory;
import dev.thaw.snapshot.SnapshotException;
import dev.thaw.store.CorruptSnapshotException;
import dev.thaw.worker.environment.Environment;
import dev.thaw.worker.environment.EnvironmentGoneException;
import dev.thaw.worker.environment.EnvironmentKey;
import dev.thaw.worker.environment.EnvironmentPool;
import dev.thaw.worker.logs.ColdStart;
import dev.thaw.worker.logs.FunctionLogs;
import dev.thaw.worker.logs.InvocationLog;
import dev.thaw.worker.logs.LambdaLogFormat;
import dev.thaw.worker.sandbox.RestoreTiming;
import dev.thaw.worker.sandbox.RestoredCopy;
import dev.thaw.worker.sandbox.SandboxLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * One invocation from start to REPORT: takes a warm environment or starts one (waiting out its init), sends the
 * event, and turns whatever happens (response, error, timeout, the runtime dying) into Lambda's result and log.
 */
final class Invocation {

    private static final Logger LOG = LoggerFactory.getLogger(Invocation.class);
    /** Lambda's limit for a synchronous response. */
    static final int MAX_RESPONSE_BYTES = 6_291_556;
    private static final String UNHANDLED = "Unhandled";
    private static final String OUT_OF_MEMORY = OutOfMemoryError.class.getName();
    /** How Lambda words the end of a runtime that was killed. */
    private static final String KILLED = "signal: killed";
    private static final SecureRandom IDS = new SecureRandom();

    private final FunctionSpec spec;
    private final InvokeInput input;
    private final EnvironmentPool pool;
    private final SandboxLauncher launcher;
    private final FunctionLogs logs;
    private final long initTimeoutNanos;
    private final Restorer restorer;
    /** Why restoring failed when this cold start fell back to on demand, else null. */
    private String restoreFailure;
    private final InvocationLog log;
    private boolean cold;
    /** Init or Restore Duration of a cold start, once the runtime reported ready. */
    private ColdStart coldStart;
    /** {@link System#nanoTime()} at START, or -1 before. */
    private long phaseStartNanos = -1;
    private long deadlineNanos;

    Invocation(FunctionSpec spec, InvokeInput input, EnvironmentPool pool, SandboxLauncher launcher,
               FunctionLogs logs, WorkerConfig config, Restorer restorer) {
        this.spec = spec;
        this.input = input;
        this.pool = pool;
        this.launcher = launcher;
        this.logs = logs;
        this.initTimeoutNanos = config.initTimeout().toNanos();
        this.restorer = restorer;
        this.log = new InvocationLog();
    }

    InvokeResult run() throws InterruptedException, SnapStartRestoreException {
        Environment environment = pool.takeIdle(EnvironmentKey.of(spec));
        if (environment != null) {
            environment.markBusy(log);
        } else {
            cold = true;
            if (spec.snapshotId() != null) {
                environment = restore();
            }
            if (environment == null) {
                environment = start();
            }
        }
        try {
            if (!initFinished()) {
                InvokeResult failed = awaitReady(environment);
                if (failed != null) {
                    return failed;
                }
            }
            return invoke(environment);
        } catch (EnvironmentGoneException gone) {
            return gone(environment, gone);
        } catch (InterruptedException | RuntimeException e) {
            pool.discard(environment, "its invocation was abandoned: " + e);
            throw e;
        }
    }

    /**
     * Restores an environment from the snapshot and runs its afterRestore hooks. Answers null when the engine could
     * not restore it (the caller starts one on demand instead); a copy whose hooks fail never serves.
     */
    private Environment restore() throws SnapStartRestoreException, InterruptedException {
        long started;
        Environment environment;
        try (RestoreSlots.Slot slot = restorer.slots().take()) {
            started = System.nanoTime();
            String id = newEnvironmentId();
            environment = Environment.restore(launcher, spec, id, restorer.engine(), restorer.snapshots(),
                    restorer.timeout(), restorer.plan(spec), log, logs.stream(spec.functionName(), spec.version(), id));
        } catch (SnapshotException e) {
            LOG.warn("cannot restore {}:{} from its snapshot, starting on demand: {}", spec.functionName(),
                    spec.version(), e.getMessage());
            restoreFailure = e.getMessage();
            restorer.rejections().rejected(spec.functionName(), spec.version(),
                    e.getCause() instanceof CorruptSnapshotException);
            return null;
        }
        pool.add(environment);
        long hooksStarted = System.nanoTime();
        try {
            environment.send(new Frame(Frame.Type.RESTORE,
                    new RestoreMessage(environment.restored().orElseThrow().environment()).encode()));
            Frame frame = environment.next(started + restorer.timeout().toNanos());
            if (frame == null) {
                throw restoreFailed(environment, started, "timeout", SnapStartRestoreException.TIMED_OUT,
                        "Lambda couldn't restore the snapshot within the timeout limit of "
                                + restorer.timeout().toSeconds() + " seconds.");
            }
            if (frame.type() != Frame.Type.RESTORED) {
                throw restoreFailed(environment, started, "error", SnapStartRestoreException.HOOK_FAILED,
                        "The afterRestore() runtime hook encountered an error: "
                                + LambdaLogFormat.errorSummary(frame.payload()));
            }
        } catch (EnvironmentGoneException e) {
            throw restoreFailed(environment, started, "error", SnapStartRestoreException.HOOK_FAILED,
                    "The restored runtime exited before it was ready (" + environment.awaitExit() + ").");
        } catch (InterruptedException | RuntimeException e) {
            pool.discard(environment, "its restore was abandoned: " + e);
            throw e;
        }
        long now = System.nanoTime();
        coldStart = ColdStart.restore(millis(now - started), millis(now - hooksStarted));
        RestoreTiming timing = environment.restored().orElseThrow().timing();
        restorer.metrics().restored(timing, now - hooksStarted, now - started);
        LOG.info("restored environment {} of {}:{} in {} ms (fetch {}, prepare {}, engine {}, hooks {} ms)",
                environment.id(), spec.functionName(), spec.version(), Math.round(coldStart.millis()),
                Math.round(millis(timing.fetchNanos())), Math.round(millis(timing.prepareNanos())),
                Math.round(millis(timing.engineNanos())), Math.round(millis(now - hooksStarted)));
        return environment;
    }

    private SnapStartRestoreException restoreFailed(Environment environment, long started, String status,
                                                    String errorType, String message) {
        log.line(LambdaLogFormat.restoreReport(millis(System.nanoTime() - started), status));
        pool.discard(environment, "its restore failed: " + message);
        return new SnapStartRestoreException(errorType, message);
    }

    private Environment start() {
        String id = newEnvironmentId();
        Environment environment;
        try {
            environment = Environment.launch(launcher, spec, id, "on-demand", log,
                    logs.stream(spec.functionName(), spec.version(), id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an environment for " + spec.functionName(), e);
        }
        pool.add(environment);
        return environment;
    }

    static String newEnvironmentId() {
        byte[] id = new byte[8];
        IDS.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Waits for READY; after the init timeout, init goes on within the invocation's own timeout, as in Lambda. */
    private InvokeResult awaitReady(Environment environment) throws EnvironmentGoneException, InterruptedException {
        Frame frame = environment.next(environment.spawnedAtNanos() + initTimeoutNanos);
        if (frame == null) {
            log.line(LambdaLogFormat.initReport(millis(initTimeoutNanos), "init", "timeout"));
            beginInvokePhase();
            frame = environment.next(deadlineNanos);
            if (frame == null) {
                return timedOut(environment);
            }
        }
        double readyAfterMs = millis(System.nanoTime() - environment.spawnedAtNanos());
        return switch (frame.type()) {
            case READY -> {
                restorer.metrics().initialised(restoreFailure != null, System.nanoTime() - environment.spawnedAtNanos());
                coldStart = restoreFailure == null ? ColdStart.init(readyAfterMs)
                        : ColdStart.initAfterFailedRestore(readyAfterMs, restoreFailure);
                LOG.info("started environment {} of {}:{} (init {} ms)", environment.id(), spec.functionName(),
                        spec.version(), Math.round(readyAfterMs));
                yield null;
            }
            // The runtime has logged the error itself; it exits after sending this.
            case INIT_ERROR -> fail(environment, frame.payload(), null, "its init failed");
            default -> unexpected(environment, frame);
        };
    }

    private InvokeResult invoke(Environment environment) throws EnvironmentGoneException, InterruptedException {
        if (phaseStartNanos < 0) {
            beginInvokePhase();
        }
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        environment.send(new InvokeMessage(input.requestId(), System.currentTimeMillis() + remainingMs,
                input.invokedFunctionArn(), orEmpty(input.clientContextJson()), "", input.payload()));
        Frame frame = environment.next(deadlineNanos);
        if (frame == null) {
            return timedOut(environment);
        }
        return switch (frame.type()) {
            case RESPONSE -> frame.payload().length > MAX_RESPONSE_BYTES
                    ? finish(environment, LambdaLogFormat.responseTooLargePayload(MAX_RESPONSE_BYTES), UNHANDLED)
                    : finish(environment, frame.payload(), null);
            // The runtime halts right after reporting an OutOfMemoryError: never hand that environment out again.
            case RESPONSE_ERROR -> OUT_OF_MEMORY.equals(LambdaLogFormat.errorType(frame.payload()))
                    ? fail(environment, frame.payload(), null, "its runtime halts after an OutOfMemoryError")
                    : finish(environment, frame.payload(), UNHANDLED);
            default -> unexpected(environment, frame);
        };
    }

    private void beginInvokePhase() {
        phaseStartNanos = System.nanoTime();
        deadlineNanos = phaseStartNanos + TimeUnit.SECONDS.toNanos(spec.timeoutSeconds());
        log.line(LambdaLogFormat.start(input.requestId(), spec.version()));
    }

    private InvokeResult timedOut(Environment environment) {
        long endNanos = System.nanoTime();
        long maxMemory = environment.maxMemoryUsedBytes();
        unfinishedInitReport(environment, "timeout");
        pool.discard(environment, "its invocation timed out");
        log.line(LambdaLogFormat.taskTimedOut(Instant.now(), input.requestId(), spec.timeoutSeconds()));
        return report(LambdaLogFormat.timeoutPayload(input.requestId(), spec.timeoutSeconds()), UNHANDLED,
                "Sandbox.Timedout", maxMemory, endNanos);
    }

    /**
     * The runtime closed its channel (it is exiting), answered beyond the channel's limit, or broke the channel, in
     * which case it is killed and reported as a runtime that died mid-invocation: nothing it sends can be trusted.
     */
    private InvokeResult gone(Environment environment, EnvironmentGoneException gone) throws InterruptedException {
        if (gone.reason() == EnvironmentGoneException.Reason.OVERSIZED_FRAME && initFinished()) {
            return fail(environment, LambdaLogFormat.responseTooLargePayload(MAX_RESPONSE_BYTES), null,
                    "its " + gone.getMessage());
        }
        String exit;
        if (gone.reason() == EnvironmentGoneException.Reason.EXITED) {
            exit = environment.awaitExit();
        } else {
            LOG.warn("environment {} of {}:{}: {}", environment.id(), spec.functionName(), spec.version(),
                    gone.getMessage());
            pool.discard(environment, "its " + gone.getMessage());
            // Killed by us, however it would have ended on its own once its channel closed.
            exit = KILLED;
        }
        String errorType = environment.oomKilled() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        // A kernel OOM kill is a SIGKILL, whatever the wrapper made of it.
        String message = LambdaLogFormat.runtimeExitedMessage(input.requestId(),
                errorType.equals("Runtime.OutOfMemory") ? KILLED : exit);
        log.line(message);
        log.line(errorType);
        return fail(environment, LambdaLogFormat.error(message, errorType), errorType,
                "its runtime exited (" + exit + ")");
    }

    private InvokeResult unexpected(Environment environment, Frame frame) {
        return fail(environment, LambdaLogFormat.error("RequestId: " + input.requestId()
                + " Error: the runtime sent an unexpected " + frame.type() + " frame", "Runtime.Unknown"),
                null, "its runtime sent an unexpected " + frame.type() + " frame");
    }

    /**
     * INIT_REPORT for an init that never finished. Once the init limit has passed, Lambda re-runs init inside the
     * invoke phase, so that report covers the invoke phase only.
     */
    private void unfinishedInitReport(Environment environment, String status) {
        if (!initFinished()) {
            boolean invokePhase = phaseStartNanos >= 0;
            long since = invokePhase ? phaseStartNanos : environment.spawnedAtNanos();
            log.line(LambdaLogFormat.initReport(millis(System.nanoTime() - since), invokePhase ? "invoke" : "init",
                    status));
        }
    }

    /** Whether the environment reported ready: warm, or a cold start past READY (or RESTORED). */
    private boolean initFinished() {
        return !cold || coldStart != null;
    }

    /** Discards the environment and answers an Unhandled error, with INIT_REPORT when init never finished. */
    private InvokeResult fail(Environment environment, byte[] payload, String reportErrorType, String why) {
        long endNanos = System.nanoTime();
        long maxMemory = environment.maxMemoryUsedBytes();
        unfinishedInitReport(environment, "error");
        pool.discard(environment, why);
        if (phaseStartNanos < 0) {
            // Init failed before any invocation began: no START, so no END and REPORT either.
            return new InvokeResult(payload, UNHANDLED, log.text());
        }
        return report(payload, UNHANDLED, reportErrorType, maxMemory, endNanos);
    }

    /** Ends a completed invocation whose environment stays usable. */
    private InvokeResult finish(Environment environment, byte[] payload, String functionError) {
        long endNanos = System.nanoTime();
        InvokeResult result = report(payload, functionError, null, environment.maxMemoryUsedBytes(), endNanos);
        if (cold) {
            environment.proportionalSetBytes().ifPresent(pss ->
                    restorer.metrics().firstInvocationMemory(environment.restored().isPresent(), pss));
            environment.restored().ifPresent(this::firstInvocationEnded);
        }
        pool.release(environment);
        return result;
    }

    /** How a lazily restored copy's pages were loaded by the end of its first invocation, and what it touched. */
    private void firstInvocationEnded(RestoredCopy copy) {
        copy.memory().ifPresent(memory -> {
            LazyMemory.Progress progress = memory.progress();
            memory.firstInvocationEnded();
            restorer.metrics().pagesLoaded(progress.counts());
            if (restorer.workingSets().learning(spec.functionName(), spec.snapshotId())) {
                restorer.workingSets().touched(spec.functionName(), spec.snapshotId(), progress.touched());
            }
        });
    }

    private InvokeResult report(byte[] payload, String functionError, String reportErrorType, long maxMemoryBytes,
                                long endNanos) {
        double durationMs = millis(endNanos - phaseStartNanos);
        log.line(LambdaLogFormat.end(input.requestId()));
        log.line(LambdaLogFormat.report(input.requestId(), durationMs, spec.memoryMb(), maxMemoryBytes, coldStart,
                reportErrorType));
        return new InvokeResult(payload, functionError, log.text());
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
