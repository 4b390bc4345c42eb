package example.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * {@code shape}: what the sandbox looks like from inside, for the caller to check: the function's pid and uid,
 * whether it sees the server (its host pid {@code "pid"}, its {@code "serverCmdline"}), whether /var/task is
 * mounted read-only and can be written, whether /tmp and {@code java.io.tmpdir} take files. Escaped when it runs
 * as root, can write /var/task or sees the server.
 */
final class Shape implements Attempt {

    private static final Path TASK = Path.of("/var/task");

    @Override
    public Outcome run(Input input) {
        long uid = ProcFs.uid();
        long pid = ProcessHandle.current().pid();
        ProcessView view = ProcessView.look(input);
        boolean serverVisible = view.hostPidListed || !view.serverLike.isEmpty();
        boolean taskWritable = canCreateIn(TASK);
        boolean taskReadOnly = Mounts.readOnly(TASK);
        boolean tmpWritable = canCreateIn(Path.of("/tmp"));
        String tmpdir = System.getProperty("java.io.tmpdir");
        boolean tmpdirWorks = tmpdirWorks();
        return Outcome.of(uid == 0 || taskWritable || serverVisible, "pid " + pid + ", uid " + uid + ", /proc lists "
                        + view.pids.size() + " processes" + (serverVisible ? " (the server among them)" : "")
                        + "; /var/task " + (taskReadOnly ? "read-only" : "not read-only")
                        + (taskWritable ? " and writable" : "")
                        + "; /tmp " + (tmpWritable ? "writable" : "not writable")
                        + "; java.io.tmpdir " + tmpdir + (tmpdirWorks ? " works" : " does not work"))
                .with("pid", pid)
                .with("uid", uid)
                .with("processes", view.pids.size())
                .with("serverVisible", serverVisible)
                .with("taskReadOnly", taskReadOnly)
                .with("taskWritable", taskWritable)
                .with("tmpWritable", tmpWritable)
                .with("tmpdir", tmpdir)
                .with("tmpdirWorks", tmpdirWorks);
    }

    private static boolean canCreateIn(Path dir) {
        Path file = dir.resolve("thaw-hostile-" + UUID.randomUUID());
        try {
            Files.write(file, new byte[] {1}, StandardOpenOption.CREATE_NEW);
            Files.delete(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean tmpdirWorks() {
        try {
            Path file = Files.createTempFile("thaw-hostile-", ".tmp");
            Files.writeString(file, "ok");
            boolean works = Files.readString(file).equals("ok");
            Files.delete(file);
            return works;
        } catch (IOException e) {
            return false;
        }
    }
}
