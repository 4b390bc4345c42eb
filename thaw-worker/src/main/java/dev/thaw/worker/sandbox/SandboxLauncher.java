package dev.thaw.worker.sandbox;

import dev.thaw.runtime.channel.ControlFds;
import dev.thaw.snapshot.CheckpointRequest;
import dev.thaw.snapshot.MemoryPlan;
import dev.thaw.snapshot.RestoreRequest;
import dev.thaw.snapshot.RestoredProcess;
import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.snapshot.SnapshotException;
import dev.thaw.snapshot.StdioPipes;
import dev.thaw.store.StoreException;
import dev.thaw.worker.FunctionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the JVM of one environment inside its sandbox, and checkpoints and restores sandboxes.
 *
 * <p>What a sandbox is (see docs/security.md): its own PID, mount, IPC, UTS and network namespaces; a root file
 * system of its own ({@link SandboxRoot}, with the host's /usr, the package at {@link #TASK_ROOT}, its layers at
 * {@link #OPT_ROOT} and the runtime at {@link #RUNTIME_DIR} read-only, a /tmp of EphemeralStorage's size, its own /proc, five device files and nothing
 * else of the host); the unprivileged {@link SandboxUser} with no capabilities at all, {@code no_new_privs} and the
 * {@link SeccompFilter}; cgroups for memory, processes and CPU; at most {@link #MAX_OPEN_FILES} open files. CRIU
 * keeps all of it across checkpoint and restore, so a restored copy is exactly as confined.
 *
 * <p>Process layout, which checkpointing relies on: a shell (our child) joins the environment's cgroups, sets the
 * open-file limit, opens the seccomp filter and moves the control channel from its stdin and stdout to the channel's
 * own fds ({@link ControlFds}), then execs {@code nsenter} into the environment's network namespace, {@code setsid}
 * and bubblewrap, which stays our child while its own child, PID 1 of the new PID namespace and leader of its own
 * session, builds the root, pivots into it and execs {@code setpriv}, which drops to the sandbox user and execs a
 * shell that puts stdin on the sandbox's /dev/null and execs the JVM; each of them keeps the fds it inherits. So the JVM is PID 1, with the channel on plain pipes to us, stdout
 * and stderr on a third (the function's log) and stdin on /dev/null.
 */
public final class SandboxLauncher {

    private static final String RUNTIME_MAIN = "dev.thaw.runtime.RuntimeMain";
    /** Where the deployment package appears inside the sandbox. */
    public static final Path TASK_ROOT = Path.of("/var/task");
    /** Where the function's layers appear inside the sandbox. */
    public static final Path OPT_ROOT = Path.of("/opt");
    /** Where the runtime jar's directory appears inside the sandbox. */
    public static final Path RUNTIME_DIR = Path.of("/var/runtime");
    /** Heap share of MemorySize; the rest is left to metaspace, code cache, thread stacks and native memory. */
    private static final int HEAP_PERCENT = 85;
    /** Exit code of a sandbox whose prologue failed (joining the cgroups, the limits, the filter). */
    private static final String PROLOGUE_FAILED = "125";
    /** Lambda's limit of open files per environment. */
    static final int MAX_OPEN_FILES = 1024;
    /** The fd on which bubblewrap reads the seccomp filter. */
    private static final int SECCOMP_FD = 9;
    /** The JVM's pipes that restored copies get anew: the channel's two, and the log's, found on stderr. */
    private static final StdioPipes PIPES = new StdioPipes(ControlFds.FROM_WORKER, ControlFds.TO_WORKER, 2);
    /**
     * Execs the rest with stdin on the sandbox's own /dev/null: CRIU checkpoints files on the sandbox's mounts only,
     * and the host's /dev/null, which the prologue put there, is none of them.
     */
    private static final List<String> SANDBOX_STDIN = List.of("/bin/sh", "-c", "exec \"$@\" 0</dev/null", "stdin");
    private static final String ON_DEMAND = "on-demand";
    /**
     * For an environment that will be checkpointed: the JVM maps its class-data archive at the archive's own base
     * address instead of a random one, so the archive's pages stay clean file pages (some 7 MB on JDK 25) that a
     * restore maps from the JDK rather than copies from the image. Restored copies share their snapshot's memory
     * layout anyway, so no randomisation is lost that they would have had. And java.util is open to the runtime,
     * which updates the process's view of the variables a restored copy gets anew ({@link RestoredCopy#environment}).
     */
    private static final List<String> SNAPSHOT_JVM_OPTIONS = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:ArchiveRelocationMode=0", "--add-opens=java.base/java.util=ALL-UNNAMED");
    /** How long a checkpointed sandbox's wrapper may take to notice that its JVM is gone. */
    private static final long STOP_PATIENCE_MS = 5_000;

    /** The sandbox's bind mounts, by mount point, to the keys that name them in a snapshot. */
    private static final Map<String, String> EXTERNAL_MOUNTS = Map.of(
            TASK_ROOT.toString(), "task", OPT_ROOT.toString(), "opt", RUNTIME_DIR.toString(), "runtime", "/tmp",
            "tmp");

    private final Path environmentsDir;
    private final SandboxRoot root;
    private final NetworkNamespaces networks;
    private final TmpVolumes tmpVolumes;
    private final Optional<Cgroups> cgroups;
    private final Optional<AotCaches> aot;
    private final SandboxUser user = SandboxUser.DEFAULT;

    /** @param aot the AOT caches environments started on demand use, when the operator wants them */
    public SandboxLauncher(Path environmentsDir, SandboxRoot root, NetworkNamespaces networks, TmpVolumes tmpVolumes,
                           Optional<Cgroups> cgroups, Optional<AotCaches> aot) {
        this.environmentsDir = environmentsDir;
        this.root = root;
        this.networks = networks;
        this.tmpVolumes = tmpVolumes;
        this.cgroups = cgroups;
        this.aot = aot;
    }

    /**
     * @param id                 the environment id, unique in this worker
     * @param logStreamName      AWS_LAMBDA_LOG_STREAM_NAME: the stream the environment's log is written to
     * @param initializationType AWS_LAMBDA_INITIALIZATION_TYPE of the environment
     * @param logLines           receives what the JVM writes to stdout and stderr (child processes, native code,
     *                           crash messages, JVM warnings) line by line
     */
    public Sandbox launch(FunctionSpec spec, String id, String logStreamName, String initializationType,
                          Consumer<String> logLines) throws IOException {
        return launch(spec, id, logStreamName, initializationType, root.runtimeJar(), Extras.NONE, logLines);
    }

    /**
     * What a sandbox may get beyond its function's configuration.
     *
     * @param jvmOptions       added to the JVM's options
     * @param afterExit        when present, closing the sandbox lets the JVM exit by itself (it may write something
     *                         then) and runs this afterwards
     * @param memoryHeadroomMb added to the cgroup's limit (not to the heap): room for work of the platform's own
     * @param aotOutput        a host directory the JVM may write its AOT cache to, seen at {@link AotCaches#SANDBOX_DIR}
     */
    public record Extras(List<String> jvmOptions, Optional<Runnable> afterExit, int memoryHeadroomMb,
                         Optional<Path> aotOutput) {

        public static final Extras NONE = new Extras(List.of(), Optional.empty(), 0, Optional.empty());
    }

    /** As {@link #launch(FunctionSpec, String, String, String, Consumer)}, starting the runtime from {@code runtime}. */
    public Sandbox launch(FunctionSpec spec, String id, String logStreamName, String initializationType, Path runtime,
                          Extras extras, Consumer<String> logLines) throws IOException {
        Path dir = environmentsDir.resolve(id);
        Files.createDirectories(dir);
        Optional<Cgroup> cgroup = Optional.empty();
        Optional<NetworkNamespaces.NetworkNamespace> network = Optional.empty();
        Optional<TmpVolumes.TmpVolume> tmp = Optional.empty();
        try {
            cgroup = cgroupFor(spec, id, extras.memoryHeadroomMb());
            network = Optional.of(networks.take());
            tmp = Optional.of(tmpVolumes.take(spec.ephemeralStorageMb()));
            Optional<AotCaches.Use> aotUse = aot.isPresent() && ON_DEMAND.equals(initializationType)
                    ? aot.get().prepare(spec, dir.resolve("aot")) : Optional.empty();
            List<String> options = new ArrayList<>(ON_DEMAND.equals(initializationType)
                    ? aotUse.map(AotCaches.Use::jvmOption).stream().toList() : SNAPSHOT_JVM_OPTIONS);
            options.addAll(extras.jvmOptions());
            List<String> command = new ArrayList<>(prologue(cgroup));
            command.addAll(List.of("nsenter", "--net=" + network.get().file(), "--", "setsid"));
            command.addAll(bubblewrap(spec, runtime.getParent(), tmp.get().mountPoint(),
                    aotMount(dir, aotUse, extras.aotOutput())));
            command.addAll(setpriv());
            command.addAll(SANDBOX_STDIN);
            command.addAll(java(spec, runtime, options));
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> environment = builder.environment();
            environment.clear();
            Optional<String> credentialsToken = spec.credentials() == null || ON_DEMAND.equals(initializationType)
                    ? Optional.empty() : Optional.of(network.get().credentials().grant(spec.credentials()));
            environment.putAll(SandboxEnvironment.of(spec, initializationType, logStreamName, credentialsToken));
            long spawnedAt = System.nanoTime();
            Process process = builder.start();
            return new Sandbox(id, process, dir, cgroup, tmp.get().mountPoint(), releaser(network, tmp), spawnedAt,
                    logLines, -1, null, aotUse.flatMap(AotCaches.Use::afterExit).or(extras::afterExit));
        } catch (IOException | RuntimeException e) {
            cgroup.ifPresent(Cgroup::remove);
            releaser(network, tmp).run();
            FileTrees.delete(dir);
            throw e;
        }
    }

    /** The bind of an AOT cache directory: writable (to the sandbox user) for a run that records a cache. */
    private List<String> aotMount(Path environmentDir, Optional<AotCaches.Use> use, Optional<Path> output)
            throws IOException {
        Optional<Path> writable = output.or(() -> use.filter(u -> u.afterExit().isPresent())
                .map(u -> environmentDir.resolve("aot")));
        if (writable.isPresent()) {
            Files.createDirectories(writable.get());
            Files.setAttribute(writable.get(), "unix:uid", user.uid());
            Files.setAttribute(writable.get(), "unix:gid", user.gid());
            return List.of("--bind", writable.get().toString(), AotCaches.SANDBOX_DIR);
        }
        return use.isPresent() ? List.of("--ro-bind", environmentDir.resolve("aot").toString(), AotCaches.SANDBOX_DIR)
                : List.of();
    }

    private Runnable releaser(Optional<NetworkNamespaces.NetworkNamespace> network,
                              Optional<TmpVolumes.TmpVolume> tmp) {
        return () -> {
            network.ifPresent(networks::release);
            tmp.ifPresent(tmpVolumes::release);
        };
    }

    /**
     * Checkpoints a sandbox whose runtime has answered CHECKPOINT_READY into {@code snapshot}: its process tree,
     * then (the engine having ended the tree) its /tmp. The sandbox is gone afterwards, whatever the outcome.
     */
    public void checkpoint(Sandbox sandbox, SnapshotEngine engine, SnapshotFiles snapshot)
            throws SnapshotException, InterruptedException {
        try {
            long pid = sandbox.javaPid().orElseThrow(() -> new SnapshotException("the environment's JVM is gone"));
            engine.checkpoint(new CheckpointRequest(pid, snapshot.image(), EXTERNAL_MOUNTS, user.uid(), user.gid(),
                    PIPES));
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
     * snapshot's files from {@code source}, then has the engine restore the process tree into its own cgroups and
     * network namespace, with a fresh /tmp volume holding a copy of the snapshot's, loading its memory as
     * {@code memory} says. Nothing is left behind when it fails.
     */
    public Sandbox restore(FunctionSpec spec, String id, String logStreamName, SnapshotEngine engine,
                           SnapshotSource source, Duration timeout, MemoryPlan memory, Consumer<String> logLines)
            throws SnapshotException {
        Path dir = environmentsDir.resolve(id);
        Optional<Cgroup> cgroup = Optional.empty();
        Optional<NetworkNamespaces.NetworkNamespace> network = Optional.empty();
        Optional<TmpVolumes.TmpVolume> tmp = Optional.empty();
        boolean restoredCopy = false;
        try {
            long started = System.nanoTime();
            SnapshotSource.Checkout snapshot = source.checkout(spec.functionName(), spec.snapshotId(), dir);
            try {
                long fetched = System.nanoTime();
                cgroup = cgroupFor(spec, id, 0);
                network = Optional.of(networks.take());
                // The copy's own log stream, and its own token: the snapshot's was granted in a namespace that is gone.
                Map<String, String> renewed = new HashMap<>(Map.of(SandboxEnvironment.LOG_STREAM, logStreamName));
                if (spec.credentials() != null) {
                    renewed.put(SandboxEnvironment.CONTAINER_TOKEN,
                            network.get().credentials().grant(spec.credentials()));
                }
                tmp = Optional.of(tmpVolumes.take(spec.ephemeralStorageMb()));
                Path tmpDir = tmp.get().mountPoint();
                if (Files.isDirectory(snapshot.files().tmp())) {
                    FileTrees.copyInto(snapshot.files().tmp(), tmpDir);
                }
                long spawnedAt = System.nanoTime();
                RestoredProcess restored = engine.restore(new RestoreRequest(snapshot.files().image(), root.root(),
                        Map.of("task", spec.codeDir(), "opt", spec.optDir(), "runtime",
                                snapshot.files().runtimeDir(), "tmp", tmpDir),
                        network.get().file(), cgroup.map(Cgroup::procsFiles).orElse(List.of()),
                        dir.resolve("restore"), timeout, memory, snapshot.partial()));
                RestoreTiming timing = new RestoreTiming(fetched - started, spawnedAt - fetched,
                        System.nanoTime() - spawnedAt);
                Runnable release = releaser(network, tmp);
                Sandbox sandbox = new Sandbox(id, restored.process(), dir, cgroup, tmpDir, () -> {
                    snapshot.close();
                    release.run();
                }, spawnedAt, logLines, restored.pid(),
                        new RestoredCopy(timing, restored.memory(), renewed), Optional.empty());
                restoredCopy = true;
                // A lazily restored copy reads its image until every page is in.
                restored.memory().ifPresentOrElse(loader -> loader.loaded().thenRun(snapshot::close),
                        snapshot::close);
                return sandbox;
            } finally {
                if (!restoredCopy) {
                    snapshot.close();
                }
            }
        } catch (StoreException e) {
            throw new SnapshotException("cannot fetch the snapshot: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SnapshotException("cannot prepare the restored environment: " + e.getMessage(), e);
        } finally {
            if (!restoredCopy) {
                cgroup.ifPresent(Cgroup::remove);
                releaser(network, tmp).run();
                FileTrees.delete(dir);
            }
        }
    }

    private Optional<Cgroup> cgroupFor(FunctionSpec spec, String id, int headroomMb) throws IOException {
        return cgroups.isPresent() ? Optional.of(cgroups.get().createFor(id, spec.memoryMb() + headroomMb))
                : Optional.empty();
    }

    /**
     * A shell that joins the environment's cgroups, limits open files, opens the seccomp filter for bubblewrap,
     * moves the control channel to its fds and hands its pipes to the sandbox user (the runtime reopens them through
     * /proc, which checks the pipes' owner), then execs the command given after it.
     */
    private List<String> prologue(Optional<Cgroup> cgroup) {
        List<Path> procs = cgroup.map(Cgroup::procsFiles).orElse(List.of());
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= procs.size(); i++) {
            script.append("echo $$ > \"$").append(i).append("\" || exit ").append(PROLOGUE_FAILED).append("; ");
        }
        script.append("ulimit -n ").append(MAX_OPEN_FILES).append(" || exit ").append(PROLOGUE_FAILED).append("; ")
                .append("exec ").append(SECCOMP_FD).append("<\"$").append(procs.size() + 1).append("\" || exit ")
                .append(PROLOGUE_FAILED).append("; exec ").append(ControlFds.FROM_STANDARD_STREAMS).append(" || exit ")
                .append(PROLOGUE_FAILED).append("; chown ").append(user.uid()).append(':').append(user.gid())
                .append(" /proc/self/fd/").append(ControlFds.FROM_WORKER).append(" /proc/self/fd/")
                .append(ControlFds.TO_WORKER).append(" || exit ").append(PROLOGUE_FAILED)
                .append("; shift ").append(procs.size() + 1).append("; exec \"$@\"");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "thaw-sandbox"));
        procs.forEach(file -> command.add(file.toString()));
        command.add(root.seccompFilter().toString());
        return command;
    }

    /**
     * Bubblewrap's part: the namespaces (the network one is entered before), the root and its mounts, the filter.
     *
     * @param extraMounts bubblewrap options for mounts inside /tmp (the AOT cache's directory)
     */
    private List<String> bubblewrap(FunctionSpec spec, Path runtimeDir, Path tmp, List<String> extraMounts)
            throws IOException {
        // No --die-with-parent: bubblewrap would arm its own parent-death signal, which the kernel fires when the
        // thread that started it ends, not the server; the worker kills its environments itself.
        List<String> command = new ArrayList<>(List.of("bwrap", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--as-pid-1", "--new-session",
                "--ro-bind", root.root().toString(), "/", "--ro-bind", "/usr", "/usr"));
        Path javaHome = spec.javaHome().toRealPath();
        if (root.mountPointFor(javaHome)) {
            command.addAll(List.of("--ro-bind", javaHome.toString(), javaHome.toString()));
        }
        for (String device : SandboxRoot.DEVICES) {
            command.addAll(List.of("--dev-bind", "/dev/" + device, "/dev/" + device));
        }
        command.addAll(List.of("--ro-bind", spec.codeDir().toString(), TASK_ROOT.toString(),
                "--ro-bind", spec.optDir().toString(), OPT_ROOT.toString(),
                "--ro-bind", runtimeDir.toString(), RUNTIME_DIR.toString(), "--bind", tmp.toString(), "/tmp"));
        command.addAll(extraMounts);
        command.addAll(List.of("--proc", "/proc", "--chdir", TASK_ROOT.toString(),
                "--seccomp", Integer.toString(SECCOMP_FD), "--"));
        return command;
    }

    /** Drops to the sandbox user: no groups, no capabilities in any set, no new privileges. */
    private List<String> setpriv() {
        return List.of("/usr/bin/setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups",
                "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs", "--");
    }

    private static List<String> java(FunctionSpec spec, Path runtime, List<String> extraJvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(spec.javaHome().resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions(spec.memoryMb()));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", RUNTIME_DIR.resolve(runtime.getFileName()).toString(), RUNTIME_MAIN));
        return command;
    }

    static List<String> jvmOptions(int memoryMb) {
        return List.of(
                "-Xmx" + (memoryMb * HEAP_PERCENT / 100) + "m",
                // The JVM sizes its initial heap and more by the machine's memory, which it would otherwise take
                // to be the host's: the sandbox has no cgroup file system to tell it MemorySize.
                "-XX:MaxRAM=" + memoryMb + "m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // No hsperfdata file: a checkpointed environment's files must not change before restore.
                "-XX:-UsePerfData",
                "-Djava.io.tmpdir=/tmp");
    }
}
