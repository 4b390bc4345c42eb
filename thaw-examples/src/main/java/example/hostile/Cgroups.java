package example.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code cgroup-write}: finds the cgroups it can see (its own in every hierarchy, their parents, the hierarchies'
 * roots, and what lies directly under /sys/fs/cgroup) and writes their limits (memory, pids, cpu) back with the
 * value they hold, and its own pid into its own cgroups' {@code cgroup.procs} (where it already is). Nothing
 * changes when it succeeds, but it could have written anything. Escaped when any write succeeds.
 */
final class Cgroups implements Attempt {

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final List<String> LIMITS = List.of("memory.limit_in_bytes", "memory.memsw.limit_in_bytes",
            "memory.max", "memory.high", "memory.swap.max", "pids.max", "cpu.max");
    private static final String PROCS = "cgroup.procs";

    @Override
    public Outcome run(Input input) {
        Set<Path> own = new LinkedHashSet<>();
        Set<Path> others = new LinkedHashSet<>();
        for (Hierarchy hierarchy : hierarchies()) {
            own.add(hierarchy.ownDir);
            others.add(hierarchy.ownDir.getParent().startsWith(hierarchy.mountPoint)
                    ? hierarchy.ownDir.getParent() : hierarchy.mountPoint);
            others.add(hierarchy.mountPoint);
        }
        others.add(CGROUP_ROOT);
        others.addAll(subdirectories(CGROUP_ROOT));
        List<String> written = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<Path> dirs = new LinkedHashSet<>(own);
        dirs.addAll(others);
        for (Path dir : dirs) {
            for (String limit : LIMITS) {
                writeBack(dir.resolve(limit), null, written, refused);
            }
            if (own.contains(dir)) {
                writeBack(dir.resolve(PROCS), Long.toString(ProcessHandle.current().pid()), written, refused);
            }
        }
        String detail = written.isEmpty()
                ? "wrote no cgroup file; tried " + refused.size()
                        + (refused.isEmpty() ? "" : ", e.g. " + refused.get(0))
                : "wrote " + written;
        return Outcome.of(!written.isEmpty(), detail)
                .with("cgroups", dirs.stream().map(Path::toString).toList())
                .with("written", written)
                .with("refused", refused.size());
    }

    /** Writes {@code value}, or the file's own value when null, to an existing file. */
    private static void writeBack(Path file, String value, List<String> written, List<String> refused) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            String content = value != null ? value : read(file);
            Files.write(file, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
            written.add(file + " (" + content.trim() + ")");
        } catch (IOException e) {
            refused.add(file + ": " + Failures.describe(e));
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(256), StandardCharsets.UTF_8);
        }
    }

    /** One mounted cgroup hierarchy and the directory of ours in it. */
    private record Hierarchy(Path mountPoint, Path ownDir) {
    }

    /**
     * Pairs each cgroup mount of /proc/self/mountinfo with our line of /proc/self/cgroup: v1 mounts by the
     * controllers in their super options, the v2 mount with the {@code 0::} line.
     */
    private static List<Hierarchy> hierarchies() {
        List<Hierarchy> hierarchies = new ArrayList<>();
        List<String[]> memberships = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                memberships.add(line.split(":", 3));
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] halves = line.split(" - ", 2);
                String[] fields = halves[0].split(" ");
                String[] after = halves.length > 1 ? halves[1].split(" ") : new String[0];
                if (after.length < 3 || !after[0].startsWith("cgroup")) {
                    continue;
                }
                Path mountPoint = Path.of(fields[4]);
                String root = fields[3];
                for (String[] membership : memberships) {
                    if (membership.length == 3 && belongs(after[0], after[2], membership[1])) {
                        hierarchies.add(new Hierarchy(mountPoint, ownDir(mountPoint, root, membership[2])));
                    }
                }
            }
        } catch (IOException e) {
            // No /proc view of cgroups: only /sys/fs/cgroup itself is tried.
        }
        return hierarchies;
    }

    private static boolean belongs(String type, String superOptions, String controllers) {
        if (type.equals("cgroup2")) {
            return controllers.isEmpty();
        }
        if (controllers.isEmpty()) {
            return false;
        }
        List<String> options = List.of(superOptions.split(","));
        return List.of(controllers.split(",")).stream().allMatch(options::contains);
    }

    private static Path ownDir(Path mountPoint, String mountRoot, String path) {
        String relative = path.startsWith(mountRoot) ? path.substring(mountRoot.length()) : path;
        relative = relative.replaceFirst("^/+", "");
        return relative.isEmpty() ? mountPoint : mountPoint.resolve(relative);
    }

    private static List<Path> subdirectories(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
