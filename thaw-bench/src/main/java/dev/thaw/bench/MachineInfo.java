package dev.thaw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The machine a run measured: the numbers only compare with runs on the same one. */
record MachineInfo(int cores, String cpu, long memoryBytes, String kernel, String benchJvm,
                   Map<String, JdkInfo> runtimeJdks) {

    /** @param runtimeJdks the Lambda runtimes' JDKs, as the benchmark's servers mapped them */
    static MachineInfo describe(Map<String, JdkInfo> runtimeJdks) throws IOException {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(), memTotalBytes(),
                Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(),
                System.getProperty("java.vm.vendor") + " " + Runtime.version(), runtimeJdks);
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine would skew every number. */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown");
    }

    private static long memTotalBytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                .findFirst().orElse(0L);
    }
}
