package dev.thaw.snapshot.criu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRIU command of this host: the one named by the {@code thaw.criu} system property or the {@code THAW_CRIU}
 * environment variable, else the one the project's setup provisions, else {@code criu} on the PATH.
 *
 * @param executable what the operator knows CRIU as (for messages)
 * @param program    the command line that runs it: {@code executable} itself, or what a one-line wrapper script
 *                   execs, so that no shell starts at every restore
 * @param runMount   a shell command that mounts CRIU's kernel-feature cache over /run, run in a private mount
 *                   namespace before CRIU when present (see {@link KdatCache})
 */
public record CriuCommand(String executable, List<String> program, Optional<String> runMount) {

    public CriuCommand(String executable) {
        this(executable, unwrap(Path.of(executable)).orElse(List.of(executable)), Optional.empty());
    }

    /** Where scripts/install-criu.sh puts its launcher. */
    static final Path PROVISIONED = Path.of("/opt/thaw/criu/bin/criu");
    private static final long PROBE_SECONDS = 60;
    /** A word the shell leaves as it is: double-quoted without expansions, or bare without special characters. */
    private static final String WORD = "\"([^\"$`\\\\]*)\"|([\\w./:=+-]+)";
    /** A wrapper that only execs fixed words followed by its own arguments. */
    private static final Pattern WRAPPER = Pattern.compile("#!/bin/sh\\s+exec((?: (?:" + WORD + "))+) \"\\$@\"\\s*");
    /** Exit status of the prologue when it cannot join the cgroup or mount the cache. */
    private static final String PROLOGUE_FAILED = "125";

    public static CriuCommand locate() {
        String configured = System.getProperty("thaw.criu");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("THAW_CRIU");
        }
        if (configured != null && !configured.isBlank()) {
            return new CriuCommand(configured);
        }
        if (Files.isExecutable(PROVISIONED)) {
            return new CriuCommand(PROVISIONED.toString());
        }
        return new CriuCommand("criu");
    }

    /** The words a trivial wrapper script execs before its arguments, when {@code file} is one. */
    static Optional<List<String>> unwrap(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
                return Optional.empty();
            }
            Matcher script = WRAPPER.matcher(Files.readString(file, StandardCharsets.UTF_8));
            if (!script.matches()) {
                return Optional.empty();
            }
            List<String> words = new ArrayList<>();
            Matcher word = Pattern.compile(WORD).matcher(script.group(1));
            while (word.find()) {
                words.add(word.group(1) != null ? word.group(1) : word.group(2));
            }
            return Optional.of(List.copyOf(words));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The same command, run with {@code mount} (when present) mounting CRIU's kernel-feature cache. */
    CriuCommand withRunMount(Optional<String> mount) {
        return new CriuCommand(executable, program, mount);
    }

    /**
     * The command line for one CRIU action. When CRIU must join cgroups first ({@code cgroupProcs}), have its cache
     * mounted or have {@code setup} done (shell commands, run in CRIU's own mount namespace), one shell does all of it
     * and then execs CRIU, so every restored process is accounted from its first byte. {@code runAs} goes before
     * CRIU's own words (a command that execs the rest).
     */
    List<String> line(String action, List<String> options, List<Path> cgroupProcs, List<String> setup,
                      List<String> runAs) {
        List<String> line = new ArrayList<>();
        if (!cgroupProcs.isEmpty() || runMount.isPresent() || !setup.isEmpty()) {
            if (runMount.isPresent() || !setup.isEmpty()) {
                line.addAll(List.of("unshare", "--mount", "--propagation", "private"));
            }
            StringBuilder script = new StringBuilder();
            for (int i = 1; i <= cgroupProcs.size(); i++) {
                script.append("echo $$ > \"$").append(i).append("\" || exit " + PROLOGUE_FAILED + "; ");
            }
            runMount.ifPresent(mount -> script.append(mount).append(" || exit " + PROLOGUE_FAILED + "; "));
            setup.forEach(command -> script.append(command).append(" || exit " + PROLOGUE_FAILED + "; "));
            script.append("shift ").append(cgroupProcs.size()).append("; exec \"$@\"");
            line.addAll(List.of("/bin/sh", "-c", script.toString(), "criu"));
            cgroupProcs.forEach(procs -> line.add(procs.toString()));
        }
        line.addAll(runAs);
        line.addAll(program);
        line.add(action);
        line.addAll(options);
        return line;
    }

    /** A word for the shell: single-quoted, so that nothing in it is expanded. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Runs a short CRIU command (version, check) and answers its exit code and output. */
    Result probe(String action, String... options) {
        List<String> line = line(action, List.of(options), List.of(), List.of(), List.of());
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(-1, "cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** The version CRIU reports ("4.1.1"), when it runs at all. */
    Optional<String> version() {
        Result result = probe("--version");
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        return result.output().lines().filter(l -> l.startsWith("Version:"))
                .map(l -> l.substring("Version:".length()).trim()).findFirst();
    }

    record Result(int exitCode, String output) {
    }
}
