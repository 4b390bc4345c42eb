package dev.thaw.worker.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short host commands the worker runs as root to set sandboxes up (mount, mkfs, unshare, ...). */
final class HostCommands {

    private static final Logger LOG = LoggerFactory.getLogger(HostCommands.class);
    private static final long COMMAND_SECONDS = 30;

    private HostCommands() {
    }

    /** Runs {@code command} to its end; a failure says what it printed. */
    static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Unmounts what is mounted at {@code mountPoint}, if anything, lazily: a copy a restore made of the host's mount
     * table may still hold it.
     */
    static void unmount(Path mountPoint) {
        try {
            run(List.of("umount", "--lazy", mountPoint.toString()));
        } catch (IOException e) {
            LOG.debug("{} was not mounted: {}", mountPoint, e.getMessage());
        }
    }
}
