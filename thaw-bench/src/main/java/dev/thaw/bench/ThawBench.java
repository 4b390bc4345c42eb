package dev.thaw.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The cold-start benchmark: in one run on one machine, how Thaw's cold starts compare with what a user could pick
 * instead, measured from outside through the Lambda HTTP API with the AWS SDK for Java v2 against real in-process
 * servers. It measures cold starts on demand, on demand with the JDK's AOT cache, and restored from SnapStart
 * snapshots out of each store tier (see {@link ColdStartBenchmark}); where restore time goes; publish times and
 * snapshot sizes; warm invokes and throughput ({@link WarmInvokeBenchmark}); and a burst of concurrent cold starts
 * ({@link BurstBenchmark}). It prints a table per section and writes {@code bench-report.md},
 * {@code bench-results.json} and {@code cold-starts.svg}; the servers' log goes to {@code server.log} beside them.
 *
 * <p>Run from the repository root after {@code mvn -B install -DskipTests}, as root with CRIU provisioned (as
 * SnapStart needs):
 * <pre>
 * java --enable-native-access=ALL-UNNAMED \
 *     -cp 'thaw-bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:thaw-bench/target/lib/*' \
 *     dev.thaw.bench.ThawBench [--quick] [--functions NAME,...] [--out DIR]
 * </pre>
 * See {@link BenchOptions} for the settings. Results depend on the machine: run it on an otherwise idle one and
 * compare runs made on the same machine only.
 */
public final class ThawBench {

    private ThawBench() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status = 0;
        try {
            Files.createDirectories(options.outDir());
            Path serverLog = options.outDir().resolve("server.log");
            logServersTo(serverLog);
            run(options, serverLog);
        } catch (Exception e) {
            System.err.println("thaw bench: aborted after " + Math.round(Progress.elapsedSeconds()) + " s: " + e);
            e.printStackTrace();
            status = 1;
        }
        // Library threads (HTTP clients, the servers' pools) must not keep a finished run alive.
        System.exit(status);
    }

    /** Before anything logs: the servers' log lines would drown the progress lines. */
    private static void logServersTo(Path file) {
        System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void run(BenchOptions options, Path serverLog) throws Exception {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadAtStart = MachineInfo.loadAverage();
        List<BenchFunction> functions = options.selectedFunctions();
        BenchFunction.requirePackages(functions);
        Progress.line("Thaw cold-start benchmark%s: %d cold starts per function and mode of %s; servers log to %s",
                options.quick() ? " (quick)" : "", options.coldStarts(), String.join(", ", options.functions()),
                serverLog);

        MemoryBandwidth bandwidth = MemoryBandwidth.measure();
        Progress.line("memory-copy bandwidth: %.1f GB/s", bandwidth.gigabytesPerSecond());
        ColdStartResults coldStarts = new ColdStartBenchmark(options, functions, serverLog).run();
        WarmInvokeBenchmark.Result warm = options.warm() ? WarmInvokeBenchmark.run(options) : null;
        List<BurstRun.Result> bursts = options.burst()
                ? BurstBenchmark.run(options, BenchFunction.SPRING_BOOT, BenchFunction.SPRING_BOOT_PRIMED) : List.of();

        BenchResults results = new BenchResults(startedAt, Progress.elapsedSeconds(), options,
                MachineInfo.describe(coldStarts.runtimeJdks()), loadAtStart, bandwidth,
                functions, coldStarts, PhysicalFloor.of(coldStarts.snapshotSizes(), bandwidth), warm, bursts);
        String report = MarkdownReport.render(results);
        System.out.println();
        System.out.println(report);
        Files.writeString(options.outDir().resolve("bench-report.md"), report);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(options.outDir().resolve("bench-results.json").toFile(), results);
        Files.writeString(options.outDir().resolve("cold-starts.svg"), ColdStartChart.render(functions, coldStarts));
        Progress.line("wrote bench-report.md, bench-results.json and cold-starts.svg to %s; total run time %.0f s",
                options.outDir().toAbsolutePath(), Progress.elapsedSeconds());
    }
}
