package dev.thaw.worker.sandbox;

import dev.thaw.worker.FunctionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * then the environment's private directory over /tmp, then execs {@code setsid java}, so the JVM is PID 1 and the
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

    private final Path environmentsDir;
    private final Path runtimeJar;
    private final Optional<MemoryCgroups> cgroups;

    public SandboxLauncher(Path environmentsDir, Path runtimeJar, Optional<MemoryCgroups> cgroups) {
        this.environmentsDir = environmentsDir;
        this.runtimeJar = runtimeJar;
        this.cgroups = cgroups;
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
        Path dir = environmentsDir.resolve(id);
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);
        Optional<MemoryCgroup> cgroup = Optional.empty();
        try {
            if (cgroups.isPresent()) {
                cgroup = Optional.of(cgroups.get().createFor(id, spec.memoryMb()));
            }
            ProcessBuilder builder = new ProcessBuilder(command(spec, tmp, cgroup));
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(SandboxEnvironment.of(spec, initializationType));
            long spawnedAt = System.nanoTime();
            Process process = builder.start();
            return new Sandbox(id, process, dir, cgroup, spawnedAt, stderrLines);
        } catch (IOException | RuntimeException e) {
            cgroup.ifPresent(MemoryCgroup::remove);
            Sandbox.deleteTree(dir);
            throw e;
        }
    }

    private List<String> command(FunctionSpec spec, Path tmp, Optional<MemoryCgroup> cgroup) {
        List<String> command = new ArrayList<>();
        cgroup.ifPresent(c -> command.addAll(List.of("/bin/sh", "-c",
                "echo $$ > \"$1\" || exit " + PROLOGUE_FAILED + "; shift; exec \"$@\"",
                "thaw-sandbox", c.procsFile().toString())));
        command.addAll(List.of("setsid", "unshare", "--pid", "--fork", "--kill-child", "--mount",
                "--propagation", "private", "--", "/bin/sh", "-c",
                "mount --bind \"$1\" " + TASK_ROOT + " && mount -o remount,bind,ro " + TASK_ROOT
                        + " && mount --bind \"$2\" " + RUNTIME_DIR + " && mount --bind \"$3\" /tmp"
                        + " && cd " + TASK_ROOT + " && unset OLDPWD || exit " + PROLOGUE_FAILED + "; shift 3; exec setsid \"$@\"",
                "thaw-sandbox", spec.codeDir().toString(), runtimeJar.getParent().toString(), tmp.toString()));
        command.add(spec.javaHome().resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions(spec.memoryMb()));
        command.addAll(List.of("-cp", RUNTIME_DIR.resolve(runtimeJar.getFileName()).toString(), RUNTIME_MAIN));
        return command;
    }

    static List<String> jvmOptions(int memoryMb) {
        return List.of(
                "-Xmx" + (memoryMb * HEAP_PERCENT / 100) + "m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // No hsperfdata file: a checkpointed environment's files must not change before restore.
                "-XX:-UsePerfData",
                "-Xshare:auto",
                // stdout is the control channel: the JVM's own messages must not land in it.
                "-XX:+DisplayVMOutputToStderr",
                "-Djava.io.tmpdir=/tmp");
    }
}
