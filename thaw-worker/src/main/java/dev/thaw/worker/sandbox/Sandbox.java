package dev.thaw.worker.sandbox;

import dev.thaw.snapshot.LazyMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One running sandbox: the wrapper process (our child: bubblewrap, or the snapshot engine for a restored copy), the
 * JVM it forked (PID 1 of the sandbox's PID namespace), the environment's directory, its cgroups, its /tmp volume
 * and its network namespace.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final long STOP_PATIENCE_MS = 5_000;
    /** How long a JVM asked to end may take, e.g. writing an AOT cache of a large application. */
    private static final long EXIT_PATIENCE_MS = 60_000;

    private final String id;
    private final Process wrapper;
    private final Path dir;
    private final Optional<Cgroup> cgroup;
    private final Path tmpDir;
    private final Runnable releaseResources;
    private final long spawnedAtNanos;
    private final Optional<RestoredCopy> restored;
    private final Optional<Runnable> afterExit;
    private final Thread logReader;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long javaPid = -1;
    private volatile long lastHighWaterMark;

    /**
     * @param javaPid the JVM's host pid when known, else -1 (it is then found as the wrapper's child)
     * @param restored  for a restored sandbox, what it knows of its restore; else null
     * @param afterExit when present, the JVM is let exit on its own at close (it writes something then), and this
     *                  runs once it did
     */
    Sandbox(String id, Process wrapper, Path dir, Optional<Cgroup> cgroup, Path tmpDir, Runnable releaseResources,
            long spawnedAtNanos, Consumer<String> logLines, long javaPid, RestoredCopy restored,
            Optional<Runnable> afterExit) {
        this.id = id;
        this.afterExit = afterExit;
        this.restored = Optional.ofNullable(restored);
        this.javaPid = javaPid;
        this.wrapper = wrapper;
        this.dir = dir;
        this.cgroup = cgroup;
        this.tmpDir = tmpDir;
        this.releaseResources = releaseResources;
        this.spawnedAtNanos = spawnedAtNanos;
        this.logReader = Thread.ofPlatform().daemon().name("sandbox-log-" + id)
                .start(() -> readLog(wrapper.getErrorStream(), logLines));
    }

    /** The JVM's stdout and stderr, one pipe: the wrapper's stderr. */
    private void readLog(InputStream log, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            LOG.debug("log pipe of environment {} closed: {}", id, e.toString());
        }
    }

    /** The control channel's runtime-to-worker end: the wrapper's stdout. */
    public InputStream fromRuntime() {
        return wrapper.getInputStream();
    }

    /** The control channel's worker-to-runtime end: the wrapper's stdin. */
    public OutputStream toRuntime() {
        return wrapper.getOutputStream();
    }

    /** For a restored sandbox: what it knows of its restore. */
    public Optional<RestoredCopy> restored() {
        return restored;
    }

    /** The host directory bound at /tmp inside. */
    Path tmpDir() {
        return tmpDir;
    }

    /** {@link System#nanoTime()} at spawn. */
    public long spawnedAtNanos() {
        return spawnedAtNanos;
    }

    /** The host pid of the sandboxed JVM: the wrapper's only child. */
    public OptionalLong javaPid() {
        if (javaPid < 0) {
            wrapper.toHandle().children().findFirst().ifPresent(child -> javaPid = child.pid());
        }
        return javaPid < 0 ? OptionalLong.empty() : OptionalLong.of(javaPid);
    }

    public boolean isAlive() {
        return wrapper.isAlive();
    }

    /**
     * Waits for the sandbox to end on its own (killing it if it does not within {@code patienceMs}) and says how it
     * ended, Lambda style.
     */
    public String awaitExit(long patienceMs) throws InterruptedException {
        if (!wrapper.waitFor(patienceMs, TimeUnit.MILLISECONDS)) {
            kill();
            return "signal: killed";
        }
        // The JVM's last words arrive on its log pipe just before the wrapper exits.
        logReader.join(STOP_PATIENCE_MS);
        return ExitStatus.describe(wrapper.exitValue());
    }

    /** Whether the kernel killed the sandbox for exceeding its memory limit. */
    public boolean oomKilled() {
        return cgroup.map(Cgroup::oomKilled).orElse(false);
    }

    /**
     * Peak resident memory of the JVM (its high-water mark). Once the JVM is gone: the last mark seen or the
     * cgroup's peak, whichever is higher (the cgroup is not charged for shared pages such as the JDK's).
     */
    public long maxMemoryUsedBytes() {
        OptionalLong highWaterMark = javaBytes("status", "VmHWM:");
        if (highWaterMark.isPresent()) {
            lastHighWaterMark = highWaterMark.getAsLong();
            return lastHighWaterMark;
        }
        long cgroupPeak = cgroup.map(c -> c.peakBytes().orElse(0)).orElse(0L);
        return Math.max(lastHighWaterMark, cgroupPeak);
    }

    /**
     * The JVM's proportional set size: its resident pages, each shared one divided among the processes that map it
     * (what it costs the host, where RSS counts shared pages in full for everyone). Empty once it is gone.
     */
    public OptionalLong proportionalSetBytes() {
        return javaBytes("smaps_rollup", "Pss:");
    }

    /** A "key: N kB" line of one of the JVM's /proc files, in bytes; empty once the JVM is gone. */
    private OptionalLong javaBytes(String procFile, String key) {
        OptionalLong pid = javaPid();
        if (pid.isPresent()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid.getAsLong()), procFile))) {
                    if (line.startsWith(key)) {
                        return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // The JVM is gone.
            }
        }
        return OptionalLong.empty();
    }

    /** Kills the JVM (the wrapper then exits; killing it instead would orphan the JVM to the host's init). */
    private void kill() throws InterruptedException {
        OptionalLong pid = javaPid();
        if (pid.isPresent()) {
            ProcessHandle.of(pid.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
        } else {
            // Not forked yet (or already gone): nothing to orphan.
            wrapper.destroyForcibly();
        }
        if (!wrapper.waitFor(STOP_PATIENCE_MS, TimeUnit.MILLISECONDS)) {
            // unshare --kill-child takes the JVM (and with it the whole PID namespace) down too.
            wrapper.destroyForcibly();
            wrapper.waitFor(STOP_PATIENCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Kills everything in the sandbox and removes its cgroup and directory. Idempotent. A sandbox with work to do at
     * exit is first asked to end (end of its control channel) and given time to, in the background.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            wrapper.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing the control channel of environment {}: {}", id, e.toString());
        }
        if (afterExit.isPresent()) {
            Thread.ofPlatform().daemon().name("sandbox-exit-" + id).start(() -> {
                try {
                    wrapper.waitFor(EXIT_PATIENCE_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                afterExit.get().run();
                release();
            });
        } else {
            release();
        }
    }

    private void release() {
        boolean interrupted = false;
        try {
            kill();
        } catch (InterruptedException e) {
            interrupted = true;
            wrapper.destroyForcibly();
        }
        // Only once the copy is gone: its lazily loaded pages would read as zeros without the loader.
        restored.flatMap(RestoredCopy::memory).ifPresent(LazyMemory::close);
        cgroup.ifPresent(Cgroup::remove);
        releaseResources.run();
        FileTrees.delete(dir);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
