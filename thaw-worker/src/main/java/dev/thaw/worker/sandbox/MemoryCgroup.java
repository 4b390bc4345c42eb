package dev.thaw.worker.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The memory cgroup of one environment: its limit, whether the kernel OOM-killed in it, and its peak usage. */
public final class MemoryCgroup {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryCgroup.class);
    /** How long a cgroup may stay busy after its processes were killed. */
    private static final long REMOVE_PATIENCE_MS = 5_000;

    enum Version { V1, V2 }

    private final Version version;
    private final Path dir;

    MemoryCgroup(Version version, Path dir) {
        this.version = version;
        this.dir = dir;
    }

    void limit(long bytes) throws IOException {
        if (version == Version.V2) {
            Files.writeString(dir.resolve("memory.max"), Long.toString(bytes));
            writeIfPresent(dir.resolve("memory.swap.max"), "0");
        } else {
            Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes));
            // memory+swap equal to memory: the environment is killed at its limit instead of swapping.
            writeIfPresent(dir.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
        }
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

    /** Writing a pid here moves that process into the cgroup. */
    public Path procsFile() {
        return dir.resolve("cgroup.procs");
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

    /** Removes the cgroup, waiting for the kernel to finish with the processes that were in it. */
    public void remove() {
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
