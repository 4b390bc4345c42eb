package example.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What /proc shows: this process's status, the processes it lists, their namespaces, memory and environment. */
final class ProcFs {

    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /** The fields of /proc/self/status by name ({@code "Uid" -> "0\t0\t0\t0"}). */
    static Map<String, String> status() {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(PROC.resolve("self/status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        return fields;
    }

    /** This process's real uid. */
    static long uid() {
        return Long.parseLong(status().get("Uid").split("\\s+")[0]);
    }

    static long gid() {
        return Long.parseLong(status().get("Gid").split("\\s+")[0]);
    }

    /** The processes /proc lists (threads are not listed, though /proc/[tid] exists). */
    static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(entry -> entry.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .map(Long::valueOf).sorted().forEach(pids::add);
        } catch (IOException e) {
            // An unlistable /proc shows no process.
        }
        return pids;
    }

    /** Processes plus threads: the tasks of every process /proc lists. */
    static int tasks() {
        int tasks = 0;
        for (long pid : pids()) {
            try (Stream<Path> threads = Files.list(PROC.resolve(pid + "/task"))) {
                tasks += (int) threads.count();
            } catch (IOException e) {
                tasks++;
            }
        }
        return tasks;
    }

    /** This process's pid as the mounted /proc numbers it (the host's pid when /proc is the host's). */
    static long self() {
        try {
            return Long.parseLong(Files.readSymbolicLink(PROC.resolve("self")).toString());
        } catch (IOException | NumberFormatException e) {
            return ProcessHandle.current().pid();
        }
    }

    /** The namespace of a kind ({@code pid}, {@code mnt}) a process is in, when we may see it. */
    static Optional<String> namespace(long pid, String kind) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(pid + "/ns/" + kind)).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code pid} is known to be in a PID namespace other than ours. */
    static boolean inAnotherSandbox(long pid) {
        Optional<String> theirs = namespace(pid, "pid");
        return theirs.isPresent() && !theirs.equals(namespace(self(), "pid"));
    }

    /** Whether {@code pid} may be outside our sandbox: not known to be in our PID namespace. */
    static boolean mayBeOutside(long pid) {
        Optional<String> theirs = namespace(pid, "pid");
        return theirs.isEmpty() || !theirs.equals(namespace(self(), "pid"));
    }

    /** A process's command line, its arguments separated by spaces; empty when unreadable. */
    static String cmdline(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
            return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads the start of another process's environment; throws when refused. */
    static int readEnviron(long pid) throws IOException {
        try (InputStream in = Files.newInputStream(PROC.resolve(pid + "/environ"))) {
            return in.readNBytes(256).length;
        }
    }

    /** Reads 16 bytes of another process's memory, at its lowest readable mapping; throws when refused. */
    static int readMemory(long pid) throws IOException {
        long address = -1;
        for (String mapping : Files.readAllLines(PROC.resolve(pid + "/maps"))) {
            String[] fields = mapping.split("\\s+");
            if (fields.length > 1 && fields[1].startsWith("r")) {
                address = Long.parseUnsignedLong(fields[0].substring(0, fields[0].indexOf('-')), 16);
                break;
            }
        }
        if (address < 0) {
            throw new IOException("no readable mapping of " + pid);
        }
        try (RandomAccessFile memory = new RandomAccessFile(PROC.resolve(pid + "/mem").toFile(), "r")) {
            memory.seek(address);
            byte[] bytes = new byte[16];
            memory.readFully(bytes);
            return bytes.length;
        }
    }
}
