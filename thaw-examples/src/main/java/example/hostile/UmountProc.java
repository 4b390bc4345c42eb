package example.hostile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code umount-proc-and-look}: unmounts /proc (then lazily), to uncover whatever /proc lies beneath, lists the
 * processes it then sees, and reads the environment and memory of the server ({@code "pid"}, its host pid) and of
 * pid 1. Escaped when /proc could be unmounted, when it sees outside its sandbox (see {@link Processes}), or when
 * it reads a process that is not in its own sandbox.
 */
final class UmountProc implements Attempt {

    @Override
    public Outcome run(Input input) {
        Command.Result umount = Command.run(List.of("umount", "/proc"));
        if (!umount.succeeded()) {
            Command.Result lazy = Command.run(List.of("umount", "-l", "/proc"));
            umount = lazy.ran() ? lazy : umount;
        }
        ProcessView view = ProcessView.look(input);
        Set<Long> targets = new LinkedHashSet<>(List.of(input.number("pid", -1), 1L));
        targets.removeIf(pid -> pid <= 0);
        List<String> reads = new ArrayList<>();
        List<String> foreignReads = new ArrayList<>();
        for (long pid : targets) {
            read(pid, "environ", () -> ProcFs.readEnviron(pid), reads, foreignReads);
            read(pid, "mem", () -> ProcFs.readMemory(pid), reads, foreignReads);
        }
        boolean escaped = umount.succeeded() || view.seesOutside() || !foreignReads.isEmpty();
        String detail = umount.describe() + "; " + view.describe() + "; " + String.join("; ", reads);
        return view.addFacts(Outcome.of(escaped, detail))
                .with("ran", umount.ran())
                .with("unmounted", umount.succeeded())
                .with("foreignReads", foreignReads);
    }

    private interface Read {
        int bytes() throws IOException;
    }

    private static void read(long pid, String file, Read read, List<String> reads, List<String> foreignReads) {
        String name = "/proc/" + pid + "/" + file;
        try {
            int bytes = read.bytes();
            boolean foreign = ProcFs.mayBeOutside(pid);
            reads.add("read " + bytes + " bytes of " + name + (foreign ? ", outside the sandbox" : ", its own"));
            if (foreign) {
                foreignReads.add(name);
            }
        } catch (IOException e) {
            reads.add("cannot read " + name + ": " + Failures.describe(e));
        }
    }
}
