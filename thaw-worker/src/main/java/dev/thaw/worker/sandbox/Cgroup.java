package dev.thaw.worker.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The cgroups of one environment: its memory limit (whether the kernel OOM-killed in it, its peak usage), its
 * process and thread limit, and its CPU weight. On cgroup v1 these are directories in several hierarchies
 * (memory, pids, cpu), on v2 one directory.
 */
public final class Cgroup {

    private static final Logger LOG = LoggerFactory.getLogger(Cgroup.class);
    /** How long a cgroup may stay busy after its processes were killed. */
    private static final long REMOVE_PATIENCE_MS = 5_000;

    /** Lambda's limit of processes and threads per environment. */
    static final int MAX_TASKS = 1024;
    /** Lambda gives a function one vCPU's worth of CPU time at this MemorySize, and shares in proportion to it. */
    private static final int MB_PER_VCPU = 1769;

    enum Version { V1, V2 }

    private final Version version;
    /** Where the memory controller's files are (on v2 every controller's). */
    private final Path dir;
    /** v1 only: this environment's directories in the pids and cpu hierarchies, when mounted. */
    private final List<Path> otherHierarchies;

    Cgroup(Version version, Path dir, List<Path> otherHierarchies) {
        this.version = version;
        this.dir = dir;
        this.otherHierarchies = List.copyOf(otherHierarchies);
    }

    /** Memory of {@code bytes} without swap, {@link #MAX_TASKS}, and CPU weighted by the function's memory. */
    void limit(long bytes) throws IOException {
        long memoryMb = bytes >> 20;
        if (version == Version.V2) {
            Files.writeString(dir.resolve("memory.max"), Long.toString(bytes));
            writeIfPresent(dir.resolve("memory.swap.max"), "0");
            writeIfPresent(dir.resolve("pids.max"), Integer.toString(MAX_TASKS));
            // 100 is the default weight: one vCPU's worth at MB_PER_VCPU.
            writeIfPresent(dir.resolve("cpu.weight"), Long.toString(clamp(memoryMb * 100 / MB_PER_VCPU, 1, 10_000)));
        } else {
            Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes));
            // memory+swap equal to memory: the environment is killed at its limit instead of swapping.
            writeIfPresent(dir.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
            for (Path other : otherHierarchies) {
                writeIfPresent(other.resolve("pids.max"), Integer.toString(MAX_TASKS));
                writeIfPresent(other.resolve("cpu.shares"), Long.toString(clamp(memoryMb * 1024 / MB_PER_VCPU, 2,
                        262_144)));
            }
        }
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    private static void writeIfPresent(Path file, String value) {
        if (Files.exists(file)) {
            try {
                Files.writeString(file, value);
            } catch (IOException e) {
                LOG.debug("cannot write {}: {}", file, e.toString());
            }
        }
    }

    /** Writing a pid into each of these moves that process into the environment's cgroups. */
    public List<Path> procsFiles() {
        List<Path> files = new ArrayList<>(List.of(dir.resolve("cgroup.procs")));
        otherHierarchies.forEach(other -> files.add(other.resolve("cgroup.procs")));
        return files;
    }

    /** Whether the kernel's OOM killer killed a process of this cgroup. */
    public boolean oomKilled() {
        if (version == Version.V2) {
            return counter(dir.resolve("memory.events"), "oom_kill") > 0;
        }
        long kills = counter(dir.resolve("memory.oom_control"), "oom_kill");
        if (kills >= 0) {
            return kills > 0;
        }
        // Kernels before 4.13 do not count kills; hitting the limit is the best evidence left.
        return single(dir.resolve("memory.failcnt")) > 0;
    }

    /** The cgroup's peak memory usage, when the kernel reports it. */
    public OptionalLong peakBytes() {
        long peak = single(dir.resolve(version == Version.V2 ? "memory.peak" : "memory.max_usage_in_bytes"));
        return peak >= 0 ? OptionalLong.of(peak) : OptionalLong.empty();
    }

    /** Removes the cgroups, waiting for the kernel to finish with the processes that were in them. */
    public void remove() {
        remove(dir);
        otherHierarchies.forEach(Cgroup::remove);
    }

    /**
     * Kills whatever still runs in a cgroup left by a worker that died (a function that never read its closed
     * channel lives on), then removes it.
     */
    static void killAndRemove(Path dir) {
        Path kill = dir.resolve("cgroup.kill");
        try {
            if (Files.exists(kill)) {
                // cgroup v2: one write kills every process, including any forked meanwhile.
                Files.writeString(kill, "1");
            } else {
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot kill the processes of cgroup {}: {}", dir, e.toString());
        }
        remove(dir);
    }

    private static void remove(Path dir) {
        long giveUp = System.currentTimeMillis() + REMOVE_PATIENCE_MS;
        while (true) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > giveUp) {
                    LOG.warn("cannot remove memory cgroup {}: {}", dir, e.toString());
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The value of {@code key} in a "key value" lines file, or -1. */
    private static long counter(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && parts[0].equals(key)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("cannot read {}: {}", file, e.toString());
        }
        return -1;
    }

    /** The number in a single-value file, or -1. */
    private static long single(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
