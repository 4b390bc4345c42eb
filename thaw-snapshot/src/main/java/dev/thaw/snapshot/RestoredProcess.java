package dev.thaw.snapshot;

import java.util.Optional;

/**
 * A restored copy.
 *
 * @param process handle whose stdin, stdout and stderr are the restored root's pipes (as the checkpoint's
 *                {@link StdioPipes} say), and whose exit marks the restored tree's end
 * @param pid     host pid of the restored root (the JVM)
 * @param memory  present while a lazily restored copy's memory is still being loaded
 */
public record RestoredProcess(Process process, long pid, Optional<LazyMemory> memory) {
}
