package dev.thaw.worker.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cgroup directory of one worker, below the worker's own cgroup, holding one child per environment.
 * Uses cgroup v2 when the unified hierarchy has the memory controller (with pids and cpu when it has them), else
 * the v1 memory hierarchy and, when mounted, the v1 pids and cpu hierarchies.
 */
public final class Cgroups {

    private static final Logger LOG = LoggerFactory.getLogger(Cgroups.class);
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Path OWN_CGROUPS = Path.of("/proc/self/cgroup");
    private static final String PREFIX = "thaw-worker-";
    private static final String FAVOR_DYNMODS = "favordynmods";
    private static final Pattern WORKER_DIR = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f]+");

    /** The v1 hierarchies used besides memory's. */
    private static final List<String> V1_OTHERS = List.of("pids", "cpu");

    private final Cgroup.Version version;
    private final Path workerDir;
    /** v1: the worker's directories in the other hierarchies. */
    private final List<Path> otherWorkerDirs;

    private Cgroups(Cgroup.Version version, Path workerDir, List<Path> otherWorkerDirs) {
        this.version = version;
        this.workerDir = workerDir;
        this.otherWorkerDirs = List.copyOf(otherWorkerDirs);
    }

    /**
     * Creates this worker's cgroup directory below the process's own memory cgroup; empty (after one warning) when
     * no usable memory controller is available, in which case only -Xmx bounds memory. The directory is named after
     * our pid, so that directories left by dead processes can be recognised and removed.
     */
    public static Optional<Cgroups> create() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = PREFIX + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
        try {
            List<String> mounts = Files.readAllLines(MOUNTINFO);
            List<String> own = Files.readAllLines(OWN_CGROUPS);
            favourDynamicChanges(mounts);
            Optional<Cgroups> cgroups = v2(mounts, own, name);
            if (cgroups.isEmpty()) {
                cgroups = v1(mounts, own, name);
            }
            if (cgroups.isEmpty()) {
                LOG.warn("no memory cgroup controller available: MemorySize is enforced by -Xmx only");
            }
            return cgroups;
        } catch (IOException e) {
            LOG.warn("cannot use memory cgroups ({}): MemorySize is enforced by -Xmx only", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Every environment's first process moves into its cgroup. By default the kernel makes such a move wait for an
     * RCU grace period whenever none happened just before (7-20 ms here, i.e. at nearly every cold start); the
     * cgroup2 mount option {@code favordynmods}, made for hosts that move tasks often, trades that for slightly
     * dearer forks. It acts on every hierarchy, v1 included, so the unified hierarchy is remounted with it whenever
     * one is mounted, keeping its other options (a remount without them would clear them). It stays after we exit.
     */
    private static void favourDynamicChanges(List<String> mounts) {
        for (Mount mount : Mount.all(mounts)) {
            if (!mount.type().equals("cgroup2")) {
                continue;
            }
            if (mount.options().contains(FAVOR_DYNMODS)) {
                return;
            }
            try {
                String options = "remount," + String.join(",", mount.options()) + "," + FAVOR_DYNMODS;
                Process remount = new ProcessBuilder("mount", "-o", options, mount.point())
                        .redirectErrorStream(true).start();
                String output = new String(remount.getInputStream().readAllBytes()).trim();
                if (remount.waitFor() == 0) {
                    LOG.info("remounted {} with {}: moving an environment into its cgroup no longer waits for an "
                            + "RCU grace period", mount.point(), FAVOR_DYNMODS);
                } else {
                    LOG.info("cannot remount {} with {} ({}): each cold start may wait ~10 ms to join its cgroup",
                            mount.point(), FAVOR_DYNMODS, output);
                }
            } catch (IOException e) {
                LOG.info("cannot remount {} with {}: {}", mount.point(), FAVOR_DYNMODS, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
    }

    private static Optional<Cgroups> v2(List<String> mounts, List<String> own, String name) throws IOException {
        Optional<Path> ownDir = ownDir(mounts, own, "cgroup2", null);
        if (ownDir.isEmpty() || !controllers(ownDir.get()).contains("memory")) {
            return Optional.empty();
        }
        removeAbandoned(ownDir.get());
        // Children only get a controller's files when every ancestor delegates the controller to its subtree.
        enableControllersForChildren(ownDir.get());
        Path workerDir = ownDir.get().resolve(name);
        Files.createDirectories(workerDir);
        enableControllersForChildren(workerDir);
        return Optional.of(new Cgroups(Cgroup.Version.V2, workerDir, List.of()));
    }

    private static Optional<Cgroups> v1(List<String> mounts, List<String> own, String name) throws IOException {
        Optional<Path> ownDir = ownDir(mounts, own, "cgroup", "memory");
        if (ownDir.isEmpty()) {
            return Optional.empty();
        }
        removeAbandoned(ownDir.get());
        Path workerDir = ownDir.get().resolve(name);
        Files.createDirectories(workerDir);
        List<Path> others = new ArrayList<>();
        for (String controller : V1_OTHERS) {
            Optional<Path> other = ownDir(mounts, own, "cgroup", controller);
            if (other.isPresent()) {
                removeAbandoned(other.get());
                Path dir = other.get().resolve(name);
                Files.createDirectories(dir);
                others.add(dir);
            } else {
                LOG.warn("no {} cgroup hierarchy: environments are not limited by it", controller);
            }
        }
        return Optional.of(new Cgroups(Cgroup.Version.V1, workerDir, others));
    }

    /** Removes the cgroups of workers whose process died without closing them, and kills what still runs there. */
    private static void removeAbandoned(Path ownDir) throws IOException {
        try (Stream<Path> children = Files.list(ownDir)) {
            for (Path workerDir : children.toList()) {
                Matcher name = WORKER_DIR.matcher(workerDir.getFileName().toString());
                if (!name.matches() || ProcessHandle.of(Long.parseLong(name.group(1))).isPresent()) {
                    continue;
                }
                try (Stream<Path> environments = Files.list(workerDir)) {
                    for (Path environment : environments.filter(Files::isDirectory).toList()) {
                        Cgroup.killAndRemove(environment);
                    }
                    Files.delete(workerDir);
                    LOG.info("removed memory cgroup {} of a worker that is gone", workerDir);
                } catch (IOException e) {
                    LOG.warn("cannot remove abandoned memory cgroup {}: {}", workerDir, e.toString());
                }
            }
        }
    }

    /** This process's cgroup directory in the hierarchy mounted with {@code fsType} (v1: carrying {@code controller}). */
    private static Optional<Path> ownDir(List<String> mounts, List<String> own, String fsType, String controller) {
        for (Mount mount : Mount.all(mounts)) {
            if (!mount.type().equals(fsType) || controller != null && !mount.options().contains(controller)) {
                continue;
            }
            Optional<String> ownPath = ownPath(own, controller);
            if (ownPath.isEmpty()) {
                continue;
            }
            String root = mount.root();
            String path = ownPath.get();
            if (!path.startsWith(root)) {
                continue;
            }
            Path dir = Path.of(mount.point(), path.substring(root.length()).replaceFirst("^/", ""));
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Our path in the hierarchy: the v2 line is "0::path", a v1 line "n:controllers:path". */
    private static Optional<String> ownPath(List<String> own, String controller) {
        for (String line : own) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            boolean matches = controller == null
                    ? parts[0].equals("0") && parts[1].isEmpty()
                    : Arrays.asList(parts[1].split(",")).contains(controller);
            if (matches) {
                return Optional.of(parts[2]);
            }
        }
        return Optional.empty();
    }

    private static String controllers(Path dir) throws IOException {
        Path file = dir.resolve("cgroup.controllers");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void enableControllersForChildren(Path dir) throws IOException {
        Path control = dir.resolve("cgroup.subtree_control");
        String available = controllers(dir);
        for (String controller : List.of("memory", "pids", "cpu")) {
            if (available.contains(controller) && !Files.readString(control).contains(controller)) {
                Files.writeString(control, "+" + controller);
            }
        }
    }

    /** Creates the cgroups of one environment, limited to {@code memoryMb} MiB (no swap) and its tasks and CPU. */
    public Cgroup createFor(String environmentId, int memoryMb) throws IOException {
        Path dir = workerDir.resolve(environmentId);
        Files.createDirectory(dir);
        List<Path> others = new ArrayList<>();
        for (Path otherWorkerDir : otherWorkerDirs) {
            others.add(Files.createDirectory(otherWorkerDir.resolve(environmentId)));
        }
        Cgroup cgroup = new Cgroup(version, dir, others);
        try {
            cgroup.limit(memoryMb * 1024L * 1024L);
        } catch (IOException | RuntimeException e) {
            cgroup.remove();
            throw e;
        }
        return cgroup;
    }

    /** Removes the worker's directory; its environments' cgroups must have been removed before. */
    public void remove() {
        List<Path> dirs = new ArrayList<>(otherWorkerDirs);
        dirs.add(workerDir);
        for (Path dir : dirs) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                LOG.warn("cannot remove cgroup {}: {}", dir, e.toString());
            }
        }
    }

    /** A line of mountinfo: id parent dev root mountpoint options [optional...] - fstype source superoptions. */
    private record Mount(String root, String point, String type, List<String> options) {

        static List<Mount> all(List<String> mountinfo) {
            List<Mount> mounts = new ArrayList<>();
            for (String line : mountinfo) {
                List<String> fields = List.of(line.split(" "));
                int dash = fields.indexOf("-");
                if (dash > 4 && dash + 3 < fields.size()) {
                    mounts.add(new Mount(fields.get(3), fields.get(4), fields.get(dash + 1),
                            List.of(fields.get(dash + 3).split(","))));
                }
            }
            return mounts;
        }
    }
}
