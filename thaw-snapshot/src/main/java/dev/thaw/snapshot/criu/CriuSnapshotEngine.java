package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.CheckpointRequest;
import dev.thaw.snapshot.LazyMemory;
import dev.thaw.snapshot.PartialImage;
import dev.thaw.snapshot.RestoreRequest;
import dev.thaw.snapshot.RestoredProcess;
import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.snapshot.SnapshotException;
import dev.thaw.snapshot.MemoryLoading;
import dev.thaw.snapshot.WorkingSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checkpoint and restore with the CRIU command line.
 *
 * <p>Checkpoint: {@code criu dump} of the environment's JVM, the init of its own PID, mount, IPC, UTS and network
 * namespaces. The pipes the request names are recorded (by inode) beside the image, its bind mounts are declared
 * external, and so is its network namespace, so that the image names neither our pipes, nor any host path, nor a
 * network device. CRIU runs with the tree's real uid and gid (still root in effect): reading the resource limits
 * of another user's process otherwise needs CAP_SYS_RESOURCE, which a host may withhold even from root.
 *
 * <p>Restore: {@code criu restore --root <root>} rebuilds the namespaces on the environment's root file system;
 * its own stdin, stdout and stderr (fresh pipes made by {@link ProcessBuilder}) replace the recorded pipes
 * ({@code --inherit-fd}), whichever fds of the copy they are on, the copy joins the network namespace given for
 * it, and each external mount is bound to the host path given for this copy. Without {@code -d} the restore's
 * process stays the restored tree's parent (CRIU, then the waiter it execs), so its exit marks the copy's end and
 * says how it ended, as the sandbox wrapper's does for an environment started on demand.
 *
 * <p>A lazy restore ({@link dev.thaw.snapshot.MemoryLoading#LAZY}) leaves private anonymous memory out of what
 * CRIU copies; it arrives through the copy's userfaultfd from {@link UffdPageServer}: the snapshot's working set
 * first, then what the copy touches, the rest in the background.
 */
public final class CriuSnapshotEngine implements SnapshotEngine {

    private static final Logger LOG = LoggerFactory.getLogger(CriuSnapshotEngine.class);
    /** Beside the image files: the pipes, by inode, that a restore's fds 0, 1 and 2 replace. */
    static final String STDIO_FILE = "stdio.properties";
    private static final String DUMP_LOG = "dump.log";
    private static final String RESTORE_LOG = "restore.log";
    private static final String PID_FILE = "restored.pid";
    private static final Pattern PAGES_FILE = Pattern.compile("pages-\\d+\\.img");
    private static final int STDIO_FDS = 3;
    /** Changes whenever the options that shape an image change: images of another layout are re-created. */
    private static final String IMAGE_LAYOUT = "6";
    /** Names the checkpointed tree's network namespace, which restored copies get anew. */
    private static final String NETWORK_KEY = "net";
    /** The fd on which CRIU finds the network namespace a copy joins. */
    private static final int NETWORK_FD = 8;
    /**
     * The network namespace is external, so CRIU has nothing in it to lock with iptables (which need not be installed).
     */
    private static final List<String> NO_NETWORK_LOCK = List.of("--network-lock", "skip");
    /**
     * Every other mount the environment inherited from the host (/dev/shm, /sys/fs/cgroup, ...) is external too:
     * restored copies bind the host's own, rather than CRIU saving and unpacking tmpfs contents at every restore.
     */
    private static final List<String> HOST_MOUNTS = List.of("--external", "mnt[]");
    /**
     * At the end of a restore CRIU stops every restored thread at its last sigreturn, by default with a hardware
     * breakpoint. Registering one allocates a perf event, which waits for an RCU grace period: some 1 ms per thread
     * here, 10-20 ms per restore of a JVM. CRIU's own switch for the other way, tracing the threads' syscalls (what
     * it does where breakpoints are unavailable), is this setting, known to its test suite as FI_NO_BREAKPOINTS.
     */
    private static final Map<String, String> NO_BREAKPOINTS = Map.of("CRIU_FAULT", "130");
    /**
     * Once the copy runs, CRIU would stay its parent and reap it without a word (its exit code is 0 however the copy
     * ended). It execs this instead, which inherits the copy as its child and ends as the copy did: its exit code, or
     * 128 + the signal that killed it, as a shell reports it. Perl is part of every Debian system (perl-base).
     */
    private static final List<String> EXIT_AS_THE_COPY = List.of("--exec-cmd", "--", "/usr/bin/perl", "-e",
            "exit(wait() < 0 ? 1 : ($? & 127) ? 128 + ($? & 127) : $? >> 8)");
    /** Lines of CRIU's log quoted in an error. */
    private static final int ERROR_LINES = 6;

    private volatile CriuCommand criu;
    private volatile Optional<String> unavailable;
    private volatile String fingerprint;
    private volatile Boolean lazyPages;

    public CriuSnapshotEngine(CriuCommand criu) {
        this.criu = criu;
    }

    /** The engine on this host's CRIU (see {@link CriuCommand#locate()}). */
    public static CriuSnapshotEngine onHost() {
        return new CriuSnapshotEngine(CriuCommand.locate());
    }

    @Override
    public synchronized Optional<String> unavailableReason() {
        Optional<String> reason = unavailable;
        if (reason == null) {
            reason = probe();
            unavailable = reason;
            reason.ifPresentOrElse(why -> LOG.warn("SnapStart unavailable: {}", why),
                    () -> LOG.info("snapshot engine: CRIU {} ({})", fingerprint(), criu.executable()));
        }
        return reason;
    }

    private Optional<String> probe() {
        if (!runningAsRoot()) {
            return Optional.of("checkpoints need root privileges (CRIU runs as root only here)");
        }
        Optional<String> version = criu.version();
        if (version.isEmpty()) {
            return Optional.of("CRIU is not installed (" + criu.executable()
                    + " does not run); scripts/install-criu.sh provisions it");
        }
        if (!version.get().matches("([4-9]|\\d{2,})\\..*")) {
            return Optional.of("CRIU " + version.get() + " is too old (4.0 or newer is needed)");
        }
        criu = criu.withRunMount(KdatCache.runMount());
        // Run as root, it also writes the kernel-feature cache where later runs find it.
        CriuCommand.Result check = criu.probe("check");
        if (check.exitCode() != 0) {
            return Optional.of("'criu check' fails on this kernel: " + lastLines(check.output(), 2));
        }
        return Optional.empty();
    }

    private static boolean runningAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String fingerprint() {
        String value = fingerprint;
        if (value == null) {
            value = "criu-" + criu.version().orElse("unknown") + "/" + IMAGE_LAYOUT;
            fingerprint = value;
        }
        return value;
    }

    @Override
    public void checkpoint(CheckpointRequest request) throws SnapshotException {
        requireAvailable();
        Path images = request.imageDir();
        Properties stdio = new Properties();
        int[] rootFds = request.pipes().rootFds();
        for (int fd = 0; fd < STDIO_FDS; fd++) {
            Path link = Path.of("/proc", Long.toString(request.pid()), "fd", Integer.toString(rootFds[fd]));
            try {
                String target = Files.readSymbolicLink(link).toString();
                if (!target.startsWith("pipe:[")) {
                    throw new SnapshotException("fd " + rootFds[fd] + " of process " + request.pid() + " is "
                            + target + ", not a pipe");
                }
                stdio.setProperty("fd" + fd, target);
            } catch (IOException e) {
                throw new SnapshotException("cannot inspect process " + request.pid() + ": " + e, e);
            }
        }
        List<String> options = new ArrayList<>(List.of("-t", Long.toString(request.pid()),
                "-D", images.toString(), "-o", DUMP_LOG, "--manage-cgroups=ignore"));
        request.externalMounts().forEach((mountPoint, key) ->
                options.addAll(List.of("--external", "mnt[" + mountPoint + "]:" + key)));
        options.addAll(HOST_MOUNTS);
        options.addAll(List.of("--external", "net[" + networkNamespaceInode(request.pid()) + "]:" + NETWORK_KEY));
        options.addAll(NO_NETWORK_LOCK);
        try {
            Files.createDirectories(images);
            try (var out = Files.newBufferedWriter(images.resolve(STDIO_FILE))) {
                stdio.store(out, "the pipes a restore's fds 0-2 replace");
            }
            List<String> runAs = List.of("setpriv", "--ruid=" + request.uid(), "--rgid=" + request.gid(),
                    "--keep-groups", "--");
            Process dump = new ProcessBuilder(criu.line("dump", options, List.of(), List.of(), runAs))
                    .redirectErrorStream(true).redirectOutput(images.resolve("dump.out").toFile()).start();
            int exit = dump.waitFor();
            if (exit != 0) {
                throw new SnapshotException("criu dump failed (exit " + exit + "): "
                        + errors(images.resolve(DUMP_LOG)));
            }
        } catch (IOException e) {
            throw new SnapshotException("cannot run criu dump: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("interrupted during criu dump", e);
        }
        try {
            if (!LazyMarks.apply(images)) {
                LOG.debug("cannot read the stack pointers of {}: its lazy marks stay as CRIU wrote them", images);
            }
        } catch (IOException e) {
            throw new SnapshotException("cannot mark the image's lazy pages: " + e.getMessage(), e);
        }
    }

    @Override
    public RestoredProcess restore(RestoreRequest request) throws SnapshotException {
        requireAvailable();
        Path work = request.workDir();
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new SnapshotException("cannot create the restore's work directory: " + e.getMessage(), e);
        }
        boolean lazy = request.memory().loading() == MemoryLoading.LAZY && lazyPagesSupported();
        Path images = request.imageDir();
        Map<Integer, TaskImage> tasks = lazy || request.partial().isPresent() ? tasks(images) : Map.of();
        if (request.partial().isPresent()) {
            loadWhatCriuReads(tasks, request.partial().get(), lazy);
            if (lazy) {
                prefetchWorkingSet(tasks, request.partial().get(), request.memory().prefetch());
            }
        }
        Properties stdio = new Properties();
        try (var in = Files.newBufferedReader(images.resolve(STDIO_FILE))) {
            stdio.load(in);
        } catch (IOException e) {
            throw new SnapshotException("the snapshot has no readable " + STDIO_FILE + ": " + e.getMessage(), e);
        }
        List<String> options = new ArrayList<>(List.of("-D", images.toString(), "--work-dir", work.toString(),
                "-o", RESTORE_LOG, "--pidfile", PID_FILE, "--root", request.root().toString(),
                "--manage-cgroups=ignore"));
        for (int fd = 0; fd < STDIO_FDS; fd++) {
            String pipe = stdio.getProperty("fd" + fd);
            if (pipe == null) {
                throw new SnapshotException("the snapshot does not record fd " + fd);
            }
            options.addAll(List.of("--inherit-fd", "fd[" + fd + "]:" + pipe));
        }
        request.externalMounts().forEach((key, hostPath) ->
                options.addAll(List.of("--external", "mnt[" + key + "]:" + hostPath)));
        options.addAll(HOST_MOUNTS);
        options.addAll(List.of("--inherit-fd", "fd[" + NETWORK_FD + "]:" + NETWORK_KEY));
        options.addAll(NO_NETWORK_LOCK);
        List<String> setup = List.of("exec " + NETWORK_FD + "<"
                + CriuCommand.quote(request.networkNamespace().toString()));
        Optional<UffdPageServer> pageServer = Optional.empty();
        AtomicReference<Process> restoring = new AtomicReference<>();
        // The copy's handle, not its pid: a handle never kills a later process that got the same pid.
        AtomicReference<ProcessHandle> restoredCopy = new AtomicReference<>();
        Process process;
        try {
            if (lazy) {
                Runnable killCopy = () -> {
                    Optional.ofNullable(restoredCopy.get()).ifPresent(ProcessHandle::destroyForcibly);
                    Optional.ofNullable(restoring.get()).ifPresent(Process::destroyForcibly);
                };
                pageServer = Optional.of(UffdPageServer.listen(work, tasks,
                        request.cgroupProcs().stream().findFirst(), request.partial(), request.memory().prefetch(),
                        killCopy));
                options.add("--lazy-pages");
            }
            // CRIU takes every word after --exec-cmd -- as the command: it goes last.
            options.addAll(EXIT_AS_THE_COPY);
            List<String> command = criu.line("restore", options, request.cgroupProcs(), setup, List.of());
            ProcessBuilder builder = new ProcessBuilder(command);
            // The restored tree keeps the environment it was checkpointed with; CRIU itself needs none of ours.
            builder.environment().keySet().retainAll(List.of("PATH"));
            builder.environment().putAll(NO_BREAKPOINTS);
            process = builder.start();
            restoring.set(process);
        } catch (IOException e) {
            pageServer.ifPresent(UffdPageServer::close);
            throw new SnapshotException("cannot run criu restore: " + e.getMessage(), e);
        } catch (SnapshotException | RuntimeException e) {
            pageServer.ifPresent(UffdPageServer::close);
            throw e;
        }
        try {
            long pid = awaitPid(process, work.resolve(PID_FILE), request.timeout().toNanos());
            ProcessHandle.of(pid).ifPresent(restoredCopy::set);
            return new RestoredProcess(process, pid, pageServer.map(LazyMemory.class::cast));
        } catch (SnapshotException | RuntimeException e) {
            process.destroyForcibly();
            pageServer.ifPresent(UffdPageServer::close);
            throw e;
        }
    }

    @Override
    public boolean readsInPart(String file) {
        return PAGES_FILE.matcher(file).matches();
    }

    /** What the image's tasks hold, read once for a restore that loads pages itself. */
    private static Map<Integer, TaskImage> tasks(Path imageDir) throws SnapshotException {
        try {
            return TaskImage.all(imageDir);
        } catch (IOException e) {
            throw new SnapshotException("cannot read the image's pagemaps: " + e.getMessage(), e);
        }
    }

    /** Loads the pages CRIU itself restores: a lazy restore's eager ones, or else all of them. */
    private static void loadWhatCriuReads(Map<Integer, TaskImage> tasks, PartialImage partial, boolean lazy)
            throws SnapshotException {
        try {
            for (TaskImage image : tasks.values()) {
                String file = image.pagesFile().getFileName().toString();
                if (partial.isPartial(file)) {
                    partial.load(file, lazy ? image.eager() : new long[] {0, Long.MAX_VALUE});
                }
            }
        } catch (IOException e) {
            throw new SnapshotException("cannot load the image's pages: " + e.getMessage(), e);
        }
    }

    /**
     * Starts loading the working set's chunks, first touch first, while CRIU restores the copy: the page server
     * installs them as soon as they are in.
     */
    private static void prefetchWorkingSet(Map<Integer, TaskImage> tasks, PartialImage partial, WorkingSet workingSet) {
        for (TaskImage image : tasks.values()) {
            String file = image.pagesFile().getFileName().toString();
            long[] addresses = workingSet.of(image.task());
            if (addresses.length > 0 && partial.isPartial(file)) {
                partial.prefetch(file, image.offsetsOf(addresses));
            }
        }
    }

    /** Whether this kernel gives CRIU what lazy restores need; when not, restores are eager, as said once. */
    private synchronized boolean lazyPagesSupported() {
        Boolean supported = lazyPages;
        if (supported == null) {
            CriuCommand.Result check = criu.probe("check", "--feature", "uffd-noncoop");
            supported = check.exitCode() == 0;
            lazyPages = supported;
            if (supported) {
                LOG.info("restores load memory lazily (userfaultfd)");
            } else {
                LOG.warn("userfaultfd is unavailable ({}): restores copy all memory before the copy resumes",
                        lastLines(check.output(), 1));
            }
        }
        return supported;
    }

    private static String networkNamespaceInode(long pid) throws SnapshotException {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")).toString();
            return link.substring(link.indexOf('[') + 1, link.indexOf(']'));
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException("cannot read the network namespace of process " + pid + ": " + e, e);
        }
    }

    private void requireAvailable() throws SnapshotException {
        Optional<String> reason = unavailable != null ? unavailable : unavailableReason();
        if (reason.isPresent()) {
            throw new SnapshotException("snapshots are unavailable: " + reason.get());
        }
    }

    /** Waits until CRIU wrote the restored root's pid (restore done) or gave up. */
    private long awaitPid(Process process, Path pidFile, long timeoutNanos) throws SnapshotException {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (true) {
                try {
                    String text = Files.readString(pidFile).trim();
                    if (!text.isEmpty()) {
                        return Long.parseLong(text);
                    }
                } catch (NoSuchFileException notYet) {
                    // CRIU writes it once every task is restored.
                }
                if (!process.isAlive()) {
                    int exit = process.exitValue();
                    throw new SnapshotException("criu restore failed (exit " + exit + "): "
                            + errors(pidFile.resolveSibling(RESTORE_LOG)));
                }
                if (System.nanoTime() > deadline) {
                    throw new SnapshotException("criu restore did not finish within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                Thread.sleep(0, 200_000);
            }
        } catch (IOException | NumberFormatException e) {
            throw new SnapshotException("cannot read the restored pid: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("interrupted during criu restore", e);
        }
    }

    /** CRIU's error lines from its log, or its last lines when none is marked as an error. */
    private static String errors(Path log) {
        String text;
        try {
            text = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        List<String> errors = text.lines().filter(l -> l.contains("Error") || l.contains("error"))
                .filter(l -> !l.contains("RLIMIT_NOFILE")).toList();
        return errors.isEmpty() ? lastLines(text, ERROR_LINES)
                : errors.subList(Math.max(0, errors.size() - ERROR_LINES), errors.size()).stream()
                .map(String::strip).collect(Collectors.joining(" | "));
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    @Override
    public String toString() {
        return "CRIU (" + criu.executable() + ")";
    }
}
