package dev.thaw.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Looks at the host's processes and cgroups from outside, the way an operator would. */
final class SandboxProcesses {

    private SandboxProcesses() {
    }

    /** Pids of the processes whose environment says they run {@code functionName}. */
    static List<Long> of(String functionName) throws IOException {
        byte[] marker = ("AWS_LAMBDA_FUNCTION_NAME=" + functionName + "\0").getBytes(StandardCharsets.UTF_8);
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    byte[] environ = Files.readAllBytes(entry.resolve("environ"));
                    if (contains(environ, marker)) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited meanwhile, or a kernel thread
                }
            }
        }
        return pids;
    }

    /** Waits up to 10 s for the function's processes to be gone; returns those left. */
    static List<Long> awaitNone(String functionName) throws IOException, InterruptedException {
        long giveUp = System.currentTimeMillis() + 10_000;
        List<Long> left = of(functionName);
        while (!left.isEmpty() && System.currentTimeMillis() < giveUp) {
            Thread.sleep(50);
            left = of(functionName);
        }
        return left;
    }

    /** The memory cgroup directory of a process, when memory cgroups are in use. */
    static Optional<Path> memoryCgroup(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            String[] parts = line.split(":", 3);
            if (List.of(parts[1].split(",")).contains("memory")) {
                return Optional.of(Path.of("/sys/fs/cgroup/memory" + parts[2]));
            }
        }
        Path unified = Path.of("/sys/fs/cgroup/cgroup.controllers");
        if (Files.exists(unified) && Files.readString(unified).contains("memory")) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
                if (line.startsWith("0::")) {
                    return Optional.of(Path.of("/sys/fs/cgroup" + line.substring(3)));
                }
            }
        }
        return Optional.empty();
    }

    /** The memory limit a cgroup directory enforces, in bytes. */
    static long memoryLimit(Path cgroup) throws IOException {
        Path v1 = cgroup.resolve("memory.limit_in_bytes");
        return Long.parseLong(Files.readString(Files.exists(v1) ? v1 : cgroup.resolve("memory.max")).trim());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
