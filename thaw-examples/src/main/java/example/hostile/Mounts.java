package example.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The mount table of /proc/self/mountinfo. */
final class Mounts {

    private Mounts() {
    }

    /** Whether the mount holding {@code path} (the innermost, topmost one) is read-only. */
    static boolean readOnly(Path path) {
        String options = null;
        int longest = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                Path mountPoint = Path.of(fields[4]);
                int depth = mountPoint.getNameCount();
                // Later lines are mounted on top of earlier ones at the same point.
                if (path.startsWith(mountPoint) && depth >= longest) {
                    longest = depth;
                    options = fields[5];
                }
            }
        } catch (IOException e) {
            return false;
        }
        return options != null && List.of(options.split(",")).contains("ro");
    }
}
