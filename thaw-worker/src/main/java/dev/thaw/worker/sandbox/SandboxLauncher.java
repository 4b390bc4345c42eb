package dev.thaw.worker.sandbox;

import dev.thaw.snapshot.CheckpointRequest;
import dev.thaw.snapshot.RestoreRequest;
import dev.thaw.snapshot.RestoredProcess;
import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.snapshot.SnapshotException;
import dev.thaw.store.StoreException;
import dev.thaw.worker.FunctionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the JVM of one environment inside its sandbox.
 *
 * <p>Process layout, which checkpointing relies on: {@code setsid unshare --pid --fork --kill-child --mount} is our
 * child and the leader of its own session; its forked child becomes PID 1 of a new PID namespace and, in its
 * private mount namespace, binds the deployment package read-only at {@link #TASK_ROOT} and the runtime jar's
 * directory at {@link #RUNTIME_DIR} (Lambda's paths, and reachable even when the data directory lies under /tmp),
 * then the environment's private directory over /tmp, mounts a /proc of its own PID namespace (CRIU's
 * parasite needs one that matches the namespace), then execs {@code setsid java}, so the JVM is PID 1 and the
 * leader of its own session, with stdin, stdout and stderr on plain pipes to us. When memory
 * cgroups are available a shell prologue joins the cgroup first (it then execs the rest), so every process of the
 * sandbox, the JVM included, is accounted from its first byte.
 */
public final class SandboxLauncher {

    private static final String RUNTIME_MAIN = "dev.thaw.runtime.RuntimeMain";
    /** Where the deployment package appears inside the sandbox. */
    public static final Path TASK_ROOT = Path.of("/var/task");
    /** Where the runtime jar's directory appears inside the sandbox. */
    public static final Path RUNTIME_DIR = Path.of("/var/runtime");
    /** Heap share of MemorySize; the rest is left to metaspace, code cache, thread stacks and native memory. */
    private static final int HEAP_PERCENT = 85;
    /** Exit code of a sandbox whose prologue failed (joining the cgroup, mounting /tmp). */
    private static final String PROLOGUE_FAILED = "125";
    private static final String ON_DEMAND = "on-demand";
    /**
     * For an environment that will be checkpointed: the JVM maps its class-data archive at the archive's own base
     * address instead of a random one, so the archive's pages stay clean file pages (some 7 MB on JDK 25) that a
     * restore maps from the JDK rather than copies from the image. Restored copies share their snapshot's memory
     * layout anyway, so no randomisation is lost that they would have had.
     */
    private static final List<String> SNAPSHOT_JVM_OPTIONS =
            List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    /** How long a checkpointed sandbox's wrapper may take to notice that its JVM is gone. */
    private static final long STOP_PATIENCE_MS = 5_000;

    /** The sandbox's bind mounts, by mount point, to the keys that name them in a snapshot. */
    private static final Map<String, String> EXTERNAL_MOUNTS = Map.of(
            TASK_ROOT.toString(), "task", RUNTIME_DIR.toString(), "runtime", "/tmp", "tmp");

    private final Path environmentsDir;
    private final Path runtimeJar;
    private final Optional<MemoryCgroups> cgroups;
    private final Optional<AotCaches> aot;

    /** @param aot the AOT caches environments started on demand use, when the operator wants them */
    public SandboxLauncher(Path environmentsDir, Path runtimeJar, Optional<MemoryCgroups> cgroups,
                           Optional<AotCaches> aot) {
        this.environmentsDir = environmentsDir;
        this.runtimeJar = runtimeJar;
        this.cgroups = cgroups;
        this.aot = aot;
    }

    /** Creates the (empty) mount points on the host; every sandbox mounts its own directories over them. */
    public static void createMountPoints() throws IOException {
        Files.createDirectories(TASK_ROOT);
        Files.createDirectories(RUNTIME_DIR);
    }

    /**
     * @param id                 the environment id, unique in this worker
     * @param initializationType AWS_LAMBDA_INITIALIZATION_TYPE of the environment
     * @param stderrLines        receives the JVM's own stderr (crash messages, JVM warnings) line by line
     */
    public Sandbox launch(FunctionSpec spec, String id, String initializationType, Consumer<String> stderrLines)
            throws IOException {
        return launch(spec, id, initializationType, runtimeJar, Extras.NONE, stderrLines);
    }

    /**
     * What a sandbox may get beyond its function's configuration.
     *
     * @param jvmOptions       added to the JVM's options
     * @param afterExit        when present, closing the sandbox lets the JVM exit by itself (it may write something
     *                         then) and runs this afterwards
     * @param memoryHeadroomMb added to the cgroup's limit (not to the heap): room for work of the platform's own
     */
    public record Extras(List<String> jvmOptions, Optional<Runnable> afterExit, int memoryHeadroomMb) {

        public static final Extras NONE = new Extras(List.of(), Optional.empty(), 0);
    }

    /** As {@link #launch(FunctionSpec, String, String, Consumer)}, starting the runtime from {@code runtime}. */
    public Sandbox launch(FunctionSpec spec, String id, String initializationType, Path runtime, Extras extras,
                          Consumer<String> stderrLines) throws IOException {
        Path dir = environmentsDir.resolve(id);
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);
        Optional<MemoryCgroup> cgroup = Optional.empty();
        try {
            cgroup = cgroupFor(spec, id, extras.memoryHeadroomMb());
            Optional<AotCaches.Use> aotUse = aot.isPresent() && ON_DEMAND.equals(initializationType)
                    ? aot.get().prepare(spec, tmp) : Optional.empty();
            List<String> options = new ArrayList<>(ON_DEMAND.equals(initializationType)
                    ? aotUse.map(AotCaches.Use::jvmOption).stream().toList() : SNAPSHOT_JVM_OPTIONS);
            options.addAll(extras.jvmOptions());
            List<String> command = new ArrayList<>(cgroup.map(SandboxLauncher::cgroupPrologue).orElse(List.of()));
            command.addAll(command(spec, tmp, runtime, options));
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(SandboxEnvironment.of(spec, initializationType));
            long spawnedAt = System.nanoTime();
            Process process = builder.start();
            return new Sandbox(id, process, dir, cgroup, spawnedAt, stderrLines, -1, null,
                    aotUse.flatMap(AotCaches.Use::afterExit).or(extras::afterExit));
        } catch (IOException | RuntimeException e) {
            cgroup.ifPresent(MemoryCgroup::remove);
            FileTrees.delete(dir);
            throw e;
        }
    }

    /**
     * Checkpoints a sandbox whose runtime has answered CHECKPOINT_READY into {@code snapshot}: its process tree,
     * then (the engine having ended the tree) its /tmp. The sandbox is gone afterwards, whatever the outcome.
     */
    public void checkpoint(Sandbox sandbox, SnapshotEngine engine, SnapshotFiles snapshot)
            throws SnapshotException, InterruptedException {
        try {
            long pid = sandbox.javaPid().orElseThrow(() -> new SnapshotException("the environment's JVM is gone"));
            engine.checkpoint(new CheckpointRequest(pid, snapshot.image(), EXTERNAL_MOUNTS));
            sandbox.awaitExit(STOP_PATIENCE_MS);
            FileTrees.copy(sandbox.tmpDir(), snapshot.tmp());
        } catch (IOException e) {
            throw new SnapshotException("cannot keep the environment's /tmp: " + e.getMessage(), e);
        } finally {
            sandbox.close();
        }
    }

    /**
     * Restores a new sandbox of {@code spec} from its snapshot ({@link FunctionSpec#snapshotId()}): gets the
     * snapshot's files from {@code source}, gives the copy its own /tmp, then has the engine restore the process
     * tree into its own memory cgroup. Nothing is left behind when it fails.
     */
    public Sandbox restore(FunctionSpec spec, String id, SnapshotEngine engine, SnapshotSource source,
                           Duration timeout, Consumer<String> stderrLines) throws SnapshotException {
        Path dir = environmentsDir.resolve(id);
        Path tmp = dir.resolve("tmp");
        Optional<MemoryCgroup> cgroup = Optional.empty();
        boolean restoredCopy = false;
        try {
            long started = System.nanoTime();
            try (SnapshotSource.Checkout snapshot = source.checkout(spec.functionName(), spec.snapshotId(), dir)) {
                long fetched = System.nanoTime();
                snapshot.copyTmpTo(tmp);
                cgroup = cgroupFor(spec, id, 0);
                long spawnedAt = System.nanoTime();
                RestoredProcess restored = engine.restore(new RestoreRequest(snapshot.files().image(),
                        Map.of("task", spec.codeDir(), "runtime", snapshot.files().runtimeDir(), "tmp", tmp),
                        cgroup.map(MemoryCgroup::procsFile), dir.resolve("restore"),
                        timeout));
                RestoreTiming timing = new RestoreTiming(fetched - started, spawnedAt - fetched,
                        System.nanoTime() - spawnedAt);
                Sandbox sandbox = new Sandbox(id, restored.process(), dir, cgroup, spawnedAt, stderrLines,
                        restored.pid(), timing, Optional.empty());
                restoredCopy = true;
                return sandbox;
            }
        } catch (StoreException e) {
            throw new SnapshotException("cannot fetch the snapshot: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SnapshotException("cannot prepare the restored environment: " + e.getMessage(), e);
        } finally {
            if (!restoredCopy) {
                cgroup.ifPresent(MemoryCgroup::remove);
                FileTrees.delete(dir);
            }
        }
    }

    private Optional<MemoryCgroup> cgroupFor(FunctionSpec spec, String id, int headroomMb) throws IOException {
        return cgroups.isPresent() ? Optional.of(cgroups.get().createFor(id, spec.memoryMb() + headroomMb))
                : Optional.empty();
    }

    /** A shell that joins the cgroup, then execs the command given after it. */
    private static List<String> cgroupPrologue(MemoryCgroup cgroup) {
        return List.of("/bin/sh", "-c", "echo $$ > \"$1\" || exit " + PROLOGUE_FAILED + "; shift; exec \"$@\"",
                "thaw-sandbox", cgroup.procsFile().toString());
    }

    private List<String> command(FunctionSpec spec, Path tmp, Path runtime, List<String> extraJvmOptions) {
        List<String> command = new ArrayList<>(List.of("setsid", "unshare", "--pid", "--fork", "--kill-child",
                "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                "mount --bind \"$1\" " + TASK_ROOT + " && mount -o remount,bind,ro " + TASK_ROOT
                        + " && mount --bind \"$2\" " + RUNTIME_DIR + " && mount --bind \"$3\" /tmp"
                        + " && mount -t proc proc /proc"
                        + " && cd " + TASK_ROOT + " && unset OLDPWD || exit " + PROLOGUE_FAILED
                        + "; shift 3; exec setsid \"$@\"",
                "thaw-sandbox", spec.codeDir().toString(), runtime.getParent().toString(), tmp.toString()));
        command.add(spec.javaHome().resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions(spec.memoryMb()));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", RUNTIME_DIR.resolve(runtime.getFileName()).toString(), RUNTIME_MAIN));
        return command;
    }

    static List<String> jvmOptions(int memoryMb) {
        return List.of(
                "-Xmx" + (memoryMb * HEAP_PERCENT / 100) + "m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // No hsperfdata file: a checkpointed environment's files must not change before restore.
                "-XX:-UsePerfData",
                // stdout is the control channel: the JVM's own messages must not land in it.
                "-XX:+DisplayVMOutputToStderr",
                "-Djava.io.tmpdir=/tmp");
    }
}
