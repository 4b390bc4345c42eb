package dev.thaw.faults.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.faults.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a killed server left behind that its successor on the same data directory should have removed: processes of
 * its sandboxes, its worker's cgroups, mounts, environment and staging directories, and store chunks no manifest
 * refers to. Mounts and directories are those {@link #remains} found right after the kill, when all were the dead
 * server's; the successor makes new ones under other names.
 */
record Leftovers(List<String> processes, List<String> cgroups, List<String> mounts, List<String> environments,
                 List<String> staging, List<String> unreferencedChunks) {

    private static final Path PROC = Path.of("/proc");
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    int count() {
        return processes.size() + cgroups.size() + mounts.size() + environments.size() + staging.size()
                + unreferencedChunks.size();
    }

    List<String> all() {
        List<String> all = new ArrayList<>();
        Stream.of(processes, cgroups, mounts, environments, staging, unreferencedChunks).forEach(all::addAll);
        return all;
    }

    /** Mount points, environment and staging directories of a server that has just died. */
    record Remains(Set<String> mounts, Set<String> environments, Set<String> staging) {
    }

    static Remains remains(Path dataDir) throws IOException {
        Path real = dataDir.toRealPath();
        return new Remains(mountsBelow(real), Set.copyOf(entries(real.resolve("environments"))),
                Set.copyOf(entries(real.resolve("snapshots/staging"))));
    }

    /** @param functionPrefix names of the functions the test created (other tests' sandboxes may run on this host) */
    static Leftovers of(long deadPid, Remains dead, ServerProcess live, String functionPrefix, JsonNode storeStats)
            throws IOException {
        Path dataDir = live.dataDir().toRealPath();
        return new Leftovers(processes(deadPid, live.pid(), functionPrefix), cgroups(deadPid),
                still(dead.mounts(), mountsBelow(dataDir), "mount "),
                still(dead.environments(), entries(dataDir.resolve("environments")), "directory "),
                still(dead.staging(), entries(dataDir.resolve("snapshots/staging")), "directory "),
                unreferencedChunks(dataDir, storeStats));
    }

    private static List<String> still(Set<String> dead, Collection<String> now, String kind) {
        return now.stream().filter(dead::contains).sorted().map(path -> kind + path).toList();
    }

    /** Mount points below {@code dataDir}, as {@code /proc/self/mountinfo} lists them. */
    private static Set<String> mountsBelow(Path dataDir) throws IOException {
        String prefix = dataDir.toRealPath() + "/";
        try (Stream<String> lines = Files.lines(PROC.resolve("self/mountinfo"))) {
            return Set.copyOf(lines.map(line -> line.split(" ")[4]).filter(point -> point.startsWith(prefix)).toList());
        }
    }

    private static List<String> processes(long deadPid, long livePid, String functionPrefix) throws IOException {
        String deadWorker = "thaw-worker-" + deadPid + "-";
        String liveWorker = "thaw-worker-" + livePid + "-";
        List<String> found = new ArrayList<>();
        try (Stream<Path> pids = Files.list(PROC)) {
            for (Path dir : pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String cgroup = read(dir.resolve("cgroup"));
                boolean sandboxOfOurs = Stream.of(read(dir.resolve("environ")).split("\0"))
                        .anyMatch(variable -> variable.startsWith("AWS_LAMBDA_FUNCTION_NAME=" + functionPrefix));
                if (cgroup.contains(deadWorker) || sandboxOfOurs && !cgroup.contains(liveWorker)) {
                    found.add("process " + dir.getFileName() + " (" + read(dir.resolve("comm")).trim() + ")");
                }
            }
        }
        return found;
    }

    /** The dead worker's directories in each cgroup hierarchy this JVM (and so the server it started) is in. */
    private static List<String> cgroups(long deadPid) throws IOException {
        String deadWorker = "thaw-worker-" + deadPid + "-";
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(PROC.resolve("self/cgroup"))) {
            String[] fields = line.split(":", 3);
            String hierarchy = fields[1].isEmpty() ? "" : fields[1].split(",")[0];
            Path dir = CGROUP_ROOT.resolve(hierarchy).resolve(fields[2].substring(1));
            if (Files.isDirectory(dir)) {
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(c -> c.getFileName().toString().startsWith(deadWorker))
                            .forEach(c -> found.add("cgroup " + c));
                }
            }
        }
        return found;
    }

    private static List<String> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(Path::toString).sorted().toList();
        }
    }

    /**
     * Functions whose durable chunk files hold more bytes than the store's figures say their manifests reference
     * ({@code StoredBytes} counts referenced durable chunks only).
     */
    private static List<String> unreferencedChunks(Path dataDir, JsonNode storeStats) throws IOException {
        Map<String, Long> referenced = new HashMap<>();
        storeStats.path("Functions").forEach(f -> referenced.put(f.path("Function").asText(),
                f.path("StoredBytes").asLong()));
        Path chunks = dataDir.resolve("store/durable/chunks");
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(chunks)) {
            return found;
        }
        try (Stream<Path> functions = Files.list(chunks)) {
            for (Path function : functions.toList()) {
                long onDisk = bytesBelow(function);
                long needed = referenced.getOrDefault(function.getFileName().toString(), 0L);
                if (onDisk > needed) {
                    found.add("chunks of " + function.getFileName() + ": " + (onDisk - needed)
                            + " bytes no manifest refers to");
                }
            }
        }
        return found;
    }

    private static long bytesBelow(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(Leftovers::size).sum();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // removed meanwhile
        }
    }

    /** A /proc file, or empty when the process has gone or hides it. */
    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
