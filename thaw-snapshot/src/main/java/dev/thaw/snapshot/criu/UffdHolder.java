package dev.thaw.snapshot.criu;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps one of a copy's userfaultfds open in a small process of its own while the page server may still owe the
 * copy pages. Were the server's process to die first, closing its descriptor would end the registration, and the
 * copy would read its missing pages as zeros; held open, they wait instead, until the copy's cgroup is empty (a
 * server starting later kills what a dead one left). Released once the server is done with the copy.
 *
 * <p>The holder is Perl, which every Debian system has, started with no descriptor of ours but its stdin (a pipe
 * from the server) and the userfaultfd on fd 3; it ends when a line arrives; at end of file without one, the server
 * is gone, and it ends only once the copy's cgroup lists no process.
 */
final class UffdHolder {

    private static final String SCRIPT = String.join("\n",
            "exit 0 if defined(<STDIN>);",
            "while (open(my $p, '<', $ARGV[0])) { my @procs = <$p>; close($p); exit 0 unless @procs; sleep 1 }");
    private static final int HELD_FD = 3;

    private final int pid;
    private final int release;

    private UffdHolder(int pid, int release) {
        this.pid = pid;
        this.release = release;
    }

    /** Starts holding {@code uffd} for the copy whose cgroup's process list is {@code cgroupProcs}. */
    static UffdHolder hold(MemorySegment state, int uffd, Path cgroupProcs) throws IOException {
        int[] pipe = Libc.pipe(state);
        try {
            int pid = Libc.spawn(state, List.of("/usr/bin/perl", "-e", SCRIPT, cgroupProcs.toString()),
                    pipe[0], 0, uffd, HELD_FD);
            Libc.close(state, pipe[0]);
            return new UffdHolder(pid, pipe[1]);
        } catch (IOException e) {
            Libc.close(state, pipe[0]);
            Libc.close(state, pipe[1]);
            throw e;
        }
    }

    /** The server is done: the holder lets go of the descriptor and ends. */
    void release(MemorySegment state) {
        try {
            Libc.write(state, release, "done\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // It ended already.
        }
        Libc.close(state, release);
        Libc.await(state, pid);
    }
}
