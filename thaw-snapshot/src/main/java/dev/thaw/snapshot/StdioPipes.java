package dev.thaw.snapshot;

/**
 * The pipes of a checkpointed tree that each restored copy gets anew: the root's fds whose pipes the restoring
 * process's stdin, stdout and stderr replace. Other fds on the same pipes follow them.
 *
 * @param replacedByStdin  the root's fd whose pipe a restore replaces with its own stdin
 * @param replacedByStdout the root's fd whose pipe a restore replaces with its own stdout
 * @param replacedByStderr the root's fd whose pipe a restore replaces with its own stderr
 */
public record StdioPipes(int replacedByStdin, int replacedByStdout, int replacedByStderr) {

    /** The root's fds, in the order of the restoring process's fds 0, 1 and 2 that replace their pipes. */
    public int[] rootFds() {
        return new int[] {replacedByStdin, replacedByStdout, replacedByStderr};
    }
}
