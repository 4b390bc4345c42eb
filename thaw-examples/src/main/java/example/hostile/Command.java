package example.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command line with a time limit, its stdin closed and its output (stdout and stderr) captured. */
final class Command {

    private static final long TIME_LIMIT_SECONDS = 10;
    private static final int OUTPUT_LIMIT = 2000;
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * @param ran      whether the command started at all (it was found and could be executed)
     * @param exitCode its exit code, -1 when it did not start or was killed at the time limit
     * @param output   the start of what it printed, or why it did not start
     */
    record Result(List<String> command, boolean ran, int exitCode, String output) {

        boolean succeeded() {
            return ran && exitCode == 0;
        }

        String describe() {
            String line = String.join(" ", command);
            if (!ran) {
                return line + " did not run: " + output;
            }
            return line + " exited " + exitCode + (output.isEmpty() ? "" : ": " + output);
        }
    }

    private Command() {
    }

    static Result run(List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, resolve(command.get(0)));
        Process process;
        try {
            process = new ProcessBuilder(resolved).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(command, false, -1, Failures.describe(e));
        }
        try {
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> drain(process.getInputStream(), output), "hostile-command-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
                return new Result(command, true, -1, "killed after " + TIME_LIMIT_SECONDS + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(TIME_LIMIT_SECONDS));
            synchronized (output) {
                return new Result(command, true, process.exitValue(), output.toString().trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Finds a bare command name on the PATH, as a shell would; names with a slash stay as they are. */
    private static String resolve(String name) {
        if (name.contains("/")) {
            return name;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null || path.isEmpty() ? DEFAULT_PATH : path).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return name;
    }

    /** Reads everything (so the command never blocks on a full pipe), keeping the start. */
    private static void drain(InputStream in, StringBuilder output) {
        byte[] buffer = new byte[4096];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (output) {
                    if (output.length() < OUTPUT_LIMIT) {
                        String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
                        output.append(text, 0, Math.min(text.length(), OUTPUT_LIMIT - output.length()));
                    }
                }
            }
        } catch (IOException e) {
            // The command is gone; what it printed so far is all there is.
        }
    }
}
