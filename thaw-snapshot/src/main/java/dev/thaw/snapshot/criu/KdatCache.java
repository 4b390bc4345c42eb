package dev.thaw.snapshot.criu;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps CRIU's kernel-feature cache. CRIU probes the kernel (netlink, mounts, vDSO, ...) at every run, some 20 ms,
 * unless it finds /run/criu.kdat, which it only writes where /run is a tmpfs (the cache must not outlive a reboot).
 * Where the host's /run is not one, CRIU runs in a private mount namespace with a small tmpfs of ours, kept mounted
 * for the host's uptime, bound over /run. That hides whatever is mounted below the host's /run from CRIU, which no
 * environment sees anyway. The cache is more than speed: a dump runs CRIU with the environment's real uid, under
 * which some of CRIU's probes fail, so the cache must have been written by a run as root first.
 */
final class KdatCache {

    private static final Logger LOG = LoggerFactory.getLogger(KdatCache.class);
    private static final Path RUN = Path.of("/run");
    static final Path DIR = Path.of("/var/lib/thaw/criu-kdat");

    private KdatCache() {
    }

    /** The shell command that binds our tmpfs over /run, or none when the host's /run serves (or nothing can). */
    static Optional<String> runMount() {
        if (isTmpfs(RUN)) {
            return Optional.empty();
        }
        if (!isTmpfs(DIR) && !mount()) {
            return Optional.empty();
        }
        return Optional.of("mount --bind " + DIR + " " + RUN);
    }

    private static boolean mount() {
        try {
            Files.createDirectories(DIR);
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "thaw-criu-kdat",
                    DIR.toString()).redirectErrorStream(true).start();
            String output = new String(mount.getInputStream().readAllBytes()).trim();
            if (!mount.waitFor(10, TimeUnit.SECONDS) || mount.exitValue() != 0) {
                LOG.warn("cannot mount a tmpfs for CRIU's kernel-feature cache ({}); CRIU probes the kernel at "
                        + "every run", output);
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("cannot mount a tmpfs for CRIU's kernel-feature cache: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code path} is a mount point of a tmpfs. */
    private static boolean isTmpfs(Path path) {
        return mounts().stream().anyMatch(fields -> fields[4].equals(path.toString())
                && fields[List.of(fields).indexOf("-") + 1].equals("tmpfs"));
    }

    /** The fields of each line of /proc/self/mountinfo (mount point at 4, file system type after "-"). */
    private static List<String[]> mounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(line -> line.split(" "))
                    .filter(fields -> fields.length > 4 && List.of(fields).indexOf("-") > 4
                            && List.of(fields).indexOf("-") + 1 < fields.length)
                    .toList();
        } catch (IOException e) {
            LOG.debug("cannot read mountinfo: {}", e.toString());
            return List.of();
        }
    }
}
