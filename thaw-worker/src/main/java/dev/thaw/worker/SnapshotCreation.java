package dev.thaw.worker;

import dev.thaw.runtime.channel.Frame;
import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.snapshot.SnapshotException;
import dev.thaw.worker.environment.Environment;
import dev.thaw.worker.environment.EnvironmentGoneException;
import dev.thaw.worker.logs.FunctionLogs;
import dev.thaw.worker.logs.InvocationLog;
import dev.thaw.worker.logs.LambdaLogFormat;
import dev.thaw.worker.logs.LogStream;
import dev.thaw.worker.logs.LogStreamName;
import dev.thaw.worker.sandbox.FileTrees;
import dev.thaw.worker.sandbox.SandboxLauncher;
import dev.thaw.worker.sandbox.SnapshotClassData;
import dev.thaw.worker.sandbox.SnapshotFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Creates one SnapStart snapshot: a fresh snap-start environment runs the function's init, then its
 * beforeCheckpoint hooks (CHECKPOINT, answered CHECKPOINT_READY), then the engine checkpoints it with its /tmp.
 * Whatever the function does wrong ends as an outcome with Lambda's StateReasonCode; the environment never
 * survives.
 */
final class SnapshotCreation {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCreation.class);
    /** Lambda's limit for the init phase of a SnapStart version, beforeCheckpoint hooks included. */
    static final Duration INIT_LIMIT = Duration.ofMinutes(15);
    /** A training init that takes longer is left alone: the real init then runs without an AOT cache. */
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(2);
    /**
     * Memory the training sandbox gets beyond the function's: as it exits, its JVM starts a second one that
     * assembles the cache, which a function's own limit (128 MB, say) cannot hold.
     */
    private static final int TRAINING_HEADROOM_MB = 1024;
    /** How long the training JVM may take to write the AOT cache as it exits. */
    private static final Duration TRAINING_EXIT_LIMIT = Duration.ofSeconds(90);

    private final FunctionSpec spec;
    private final SnapshotFiles snapshot;
    private final SandboxLauncher launcher;
    private final SnapshotEngine engine;
    private final Path runtimeJar;
    private final InvocationLog log = new InvocationLog();
    private final FunctionLogs logs;
    private final String id;

    SnapshotCreation(FunctionSpec spec, Path snapshotDir, SandboxLauncher launcher, SnapshotEngine engine,
                     Path runtimeJar, FunctionLogs logs, String id) {
        this.spec = spec;
        this.snapshot = new SnapshotFiles(snapshotDir);
        this.launcher = launcher;
        this.engine = engine;
        this.runtimeJar = runtimeJar;
        this.logs = logs;
        this.id = id;
    }

    SnapshotOutcome run() throws InterruptedException {
        Path ownRuntime = snapshot.runtimeDir().resolve(runtimeJar.getFileName());
        Environment environment;
        try {
            Files.createDirectories(snapshot.runtimeDir());
            Files.copy(runtimeJar, ownRuntime);
            List<String> classData = SnapshotClassData.supported(spec) ? trainClassData(ownRuntime) : List.of();
            LogStream stream = logs.stream(spec.functionName(), spec.version(), id);
            environment = Environment.launchForSnapshot(launcher, spec, id, ownRuntime,
                    new SandboxLauncher.Extras(classData, Optional.empty(), 0, Optional.empty()), log, stream,
                    stream.name());
        } catch (IOException e) {
            return internalError("cannot start the environment: " + e.getMessage(), 0);
        }
        try {
            return checkpoint(environment);
        } catch (InterruptedException | RuntimeException e) {
            environment.stop();
            throw e;
        }
    }

    /**
     * Runs init once in a training environment whose JVM writes the snapshot's AOT cache as it exits; answers the
     * options that make the checkpointed JVM use it, or none when no cache came of it (init failing or hanging is
     * then reported by the environment that follows, as without a cache). Its output is not the function's log:
     * the init Lambda runs is the one that follows.
     */
    private List<String> trainClassData(Path ownRuntime) throws IOException, InterruptedException {
        long started = System.nanoTime();
        CountDownLatch exited = new CountDownLatch(1);
        Environment training = Environment.launchForSnapshot(launcher, spec, id + "-aot", ownRuntime,
                new SandboxLauncher.Extras(SnapshotClassData.training(), Optional.of(exited::countDown),
                        TRAINING_HEADROOM_MB, Optional.of(SnapshotClassData.trainingDir(snapshot))), new InvocationLog(),
                text -> { }, LogStreamName.of(Instant.now(), spec.version(), id + "-aot"));
        try {
            Frame ready = training.next(started + TRAINING_LIMIT.toNanos());
            if (ready == null || ready.type() != Frame.Type.READY) {
                LOG.info("function {} version {}: no AOT cache, its training init did not finish", spec.functionName(),
                        spec.version());
                return List.of();
            }
        } catch (EnvironmentGoneException e) {
            LOG.info("function {} version {}: no AOT cache, its training run exited", spec.functionName(),
                    spec.version());
            return List.of();
        } finally {
            training.stop();
        }
        Path cache = SnapshotClassData.file(snapshot);
        boolean exitedInTime = exited.await(TRAINING_EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!exitedInTime || !SnapshotClassData.keepTrained(snapshot)) {
            LOG.warn("function {} version {}: the training run wrote no AOT cache; the snapshot holds all class "
                    + "metadata itself", spec.functionName(), spec.version());
            FileTrees.delete(SnapshotClassData.trainingDir(snapshot));
            Files.deleteIfExists(cache);
            return List.of();
        }
        LOG.info("function {} version {}: AOT cache of {} MB written in {} ms", spec.functionName(), spec.version(),
                Files.size(cache) >> 20, millis(System.nanoTime() - started));
        return SnapshotClassData.use();
    }

    private SnapshotOutcome checkpoint(Environment environment) throws InterruptedException {
        long started = environment.spawnedAtNanos();
        long deadline = started + INIT_LIMIT.toNanos();
        try {
            Frame ready = environment.next(deadline);
            if (ready == null) {
                return failed(environment, "FunctionError.InitTimeout", "Init timed out after "
                        + INIT_LIMIT.toSeconds() + " seconds", started);
            }
            if (ready.type() != Frame.Type.READY) {
                return failed(environment, "FunctionError",
                        "Init failed: " + LambdaLogFormat.errorSummary(ready.payload()), started);
            }
            LOG.info("function {} version {}: init done in {} ms, running beforeCheckpoint hooks",
                    spec.functionName(), spec.version(), millis(System.nanoTime() - started));
            environment.send(Frame.of(Frame.Type.CHECKPOINT));
            Frame checkpointReady = environment.next(deadline);
            if (checkpointReady == null) {
                return failed(environment, "FunctionError.InitTimeout", "beforeCheckpoint hooks did not finish "
                        + "within the init limit of " + INIT_LIMIT.toSeconds() + " seconds", started);
            }
            if (checkpointReady.type() != Frame.Type.CHECKPOINT_READY) {
                return failed(environment, "FunctionError",
                        "beforeCheckpoint hook failed: " + LambdaLogFormat.errorSummary(checkpointReady.payload()),
                        started);
            }
        } catch (EnvironmentGoneException e) {
            String exit = environment.awaitExit();
            return failed(environment, "FunctionError", "Init failed: the runtime exited (" + exit + ")", started);
        }
        double initMillis = millis(System.nanoTime() - started);
        long dumpStarted = System.nanoTime();
        try {
            environment.checkpoint(launcher, engine, snapshot);
        } catch (SnapshotException e) {
            return internalError("the checkpoint failed: " + e.getMessage(), initMillis);
        }
        LOG.info("function {} version {}: checkpointed in {} ms ({} MB image)", spec.functionName(), spec.version(),
                millis(System.nanoTime() - dumpStarted), imageMegabytes());
        return new SnapshotOutcome(true, null, null, log.text(), initMillis);
    }

    private SnapshotOutcome failed(Environment environment, String code, String reason, long started) {
        environment.stop();
        LOG.info("function {} version {}: snapshot not created: {}", spec.functionName(), spec.version(), reason);
        return new SnapshotOutcome(false, code, reason, log.text(), millis(System.nanoTime() - started));
    }

    private SnapshotOutcome internalError(String reason, double initMillis) {
        LOG.warn("function {} version {}: snapshot not created: {}", spec.functionName(), spec.version(), reason);
        return new SnapshotOutcome(false, "InternalError", "The snapshot could not be created: " + reason,
                log.text(), initMillis);
    }

    private long imageMegabytes() {
        try {
            return FileTrees.size(snapshot.image()) >> 20;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
