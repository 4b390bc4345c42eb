package example.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code whoami-files}: the /etc/passwd and /etc/group entries of the function's uid and gid (null when missing).
 * Escaped when the uid is 0.
 */
final class WhoAmI implements Attempt {

    @Override
    public Outcome run(Input input) {
        long uid = ProcFs.uid();
        long gid = ProcFs.gid();
        Optional<String> passwd = entry(Path.of("/etc/passwd"), uid);
        Optional<String> group = entry(Path.of("/etc/group"), gid);
        String user = passwd.map(line -> line.split(":")[0]).orElse(null);
        return Outcome.of(uid == 0, "uid " + uid + " (" + passwd.orElse("no passwd entry") + "), gid " + gid
                        + " (" + group.orElse("no group entry") + ")")
                .with("uid", uid)
                .with("gid", gid)
                .with("user", user)
                .with("passwd", passwd.orElse(null))
                .with("group", group.orElse(null));
    }

    /** The line whose third field is {@code id}. */
    private static Optional<String> entry(Path file, long id) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> {
                        String[] fields = line.split(":");
                        return fields.length > 2 && fields[2].equals(Long.toString(id));
                    })
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
