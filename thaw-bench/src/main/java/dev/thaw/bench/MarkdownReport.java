package dev.thaw.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders a run's results as the markdown of bench-report.md: one table per section, ratios next to numbers. */
final class MarkdownReport {

    private static final Set<ColdStartMode> TIERS =
            EnumSet.of(ColdStartMode.RESTORE_L1, ColdStartMode.RESTORE_L2, ColdStartMode.RESTORE_DURABLE);
    private static final double MIB = 1 << 20;
    private static final int PAGE_BYTES = 4096;

    private final BenchResults results;
    private final ColdStartResults cold;
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport(BenchResults results) {
        this.results = results;
        this.cold = results.coldStarts();
    }

    static String render(BenchResults results) {
        MarkdownReport report = new MarkdownReport(results);
        report.header();
        report.coldStarts();
        report.restorePhases();
        report.publishAndSize();
        report.warm();
        report.burst();
        return report.out.toString();
    }

    private void header() {
        BenchOptions options = results.options();
        MachineInfo machine = results.machine();
        line("# Thaw cold-start benchmark");
        line("");
        line("Run of %s, total run time %s%s. Every number comes from this one run on this one machine, through the "
                        + "Lambda HTTP API with the AWS SDK for Java v2 against in-process Thaw servers.",
                results.startedAt(), minutes(results.totalSeconds()), options.quick() ? " (`--quick`)" : "");
        line("");
        table(List.of("machine", ""));
        row("cores", machine.cores() + " × " + machine.cpu());
        row("memory", String.format("%.1f GiB", machine.memoryBytes() / (double) (1L << 30)));
        row("kernel", machine.kernel());
        row("benchmark JVM", machine.benchJvm());
        machine.runtimeJdks().forEach((runtime, jdk) -> row("runtime " + runtime, jdk.toString()));
        row("memory-copy bandwidth", String.format("%.1f GB/s (best of %d copies of %d MiB with System.arraycopy)",
                results.memoryBandwidth().gigabytesPerSecond(), results.memoryBandwidth().copies(),
                results.memoryBandwidth().bytesPerCopy() >> 20));
        row("load average at start (1, 5, 15 min)", results.loadAverageAtStart());
        line("");
        line("Functions:");
        for (BenchFunction function : results.functions()) {
            line("- `%s`: %s (`%s`, %d MB)", function.name(), function.description(), function.handler(),
                    function.memoryMb());
        }
        line("");
    }

    private void coldStarts() {
        line("## 1. Cold starts");
        line("");
        line("First-response latency in ms (client sends Invoke → response received), %d cold starts per function "
                + "and mode after untimed ones; idle timeout 0, so every invocation is a cold start, and every REPORT "
                + "line was checked for its kind of start. Each start begins once the server has stopped the previous "
                + "one's environment (its `thaw_environments` gauge reads 0), so that no teardown overlaps a "
                + "measurement; before them, 1000 untimed DryRun invocations of the same target compile the request "
                + "path (HTTP, routing, validation) on server and client, as in a server that has been serving. "
                + "Percentiles are nearest-rank: with 100 samples or "
                + "fewer, p99 is the largest.", results.options().coldStarts());
        line("");
        for (ColdStartMode mode : ColdStartMode.values()) {
            String runtime = mode == ColdStartMode.AOT_CACHE
                    ? results.options().aotRuntime() : results.options().runtime();
            JdkInfo jdk = cold.runtimeJdks().get(runtime);
            line("- **%s**: %s; runtime %s on JDK %s.", mode.label(), mode.description(), runtime,
                    jdk == null ? "?" : jdk.version());
        }
        line("");
        line("Each restore tier runs on a server and data directory of its own, publishing its own version 1; "
                + "on-demand starts alternate with the default server's restores. \"L1 off\" is an L1 bound of one "
                + "byte (the store requires a positive bound): no chunk or manifest fits, so every L1 read misses.");
        line("");
        line("Overview, p50 (ms):");
        line("");
        List<String> header = new ArrayList<>(List.of("function"));
        for (ColdStartMode mode : ColdStartMode.values()) {
            header.add(mode.label());
        }
        header.add("restore vs on-demand");
        header.add("restore vs AOT cache");
        table(header);
        for (BenchFunction function : results.functions()) {
            List<String> cells = new ArrayList<>(List.of(function.name()));
            for (ColdStartMode mode : ColdStartMode.values()) {
                cells.add(cold.series(function.name(), mode).map(s -> ms(s.latency().p50())).orElse("–"));
            }
            cells.add(versus(function.name(), ColdStartMode.RESTORE, ColdStartMode.ON_DEMAND, false));
            cells.add(versus(function.name(), ColdStartMode.RESTORE, ColdStartMode.AOT_CACHE, false));
            row(cells.toArray(String[]::new));
        }
        line("");
        line("\"N× faster\" means the other mode's latency is N times this one's; \"N× slower\" the inverse. Two "
                + "ratios are p50 / p99.");
        for (BenchFunction function : results.functions()) {
            line("");
            line("### %s (%s)", function.name(), function.description());
            line("");
            table(List.of("mode", "JDK", "n", "p50", "p90", "p99", "max", "vs on-demand (p50 / p99)",
                    "vs AOT cache (p50 / p99)", "vs default restore (p50)", "vs L1 (p50)"));
            for (ColdStartMode mode : ColdStartMode.values()) {
                cold.series(function.name(), mode).ifPresent(series -> modeRow(function.name(), series));
            }
        }
        line("");
        cold.aotCacheWritten().entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted()
                .forEach(function -> line("**%s**: the server log never said \"AOT cache written\" before its timed "
                        + "AOT-cache starts, so they may have run without a cache.", function));
        line("");
    }

    private void modeRow(String function, ColdStartSeries series) {
        ColdStartMode mode = series.mode();
        LatencyStats l = series.latency();
        boolean afterL1 = mode == ColdStartMode.RESTORE_L2 || mode == ColdStartMode.RESTORE_DURABLE;
        row(mode.label(), series.jdk(), Integer.toString(l.count()), ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.max()),
                mode == ColdStartMode.ON_DEMAND ? "" : versus(function, mode, ColdStartMode.ON_DEMAND, true),
                mode == ColdStartMode.AOT_CACHE ? "" : versus(function, mode, ColdStartMode.AOT_CACHE, true),
                TIERS.contains(mode) || mode == ColdStartMode.RESTORE_EAGER
                        ? versus(function, mode, ColdStartMode.RESTORE, false) : "",
                afterL1 ? versus(function, mode, ColdStartMode.RESTORE_L1, false) : "");
    }

    private void restorePhases() {
        line("## 2. Where restore time goes");
        line("");
        line("Server-side means from `/metrics` (`thaw_restore_phase_seconds` per phase, `thaw_coldstart_seconds{kind="
                + "\"restore\"}` as the server's restore total), scraped before and after each mode's timed restores, "
                + "in ms. *First invoke* is the client's mean first-response latency minus the server's mean restore "
                + "total: an approximation (it subtracts means, and also holds the HTTP round trip and routing). "
                + "*Floor* is the function's snapshot bytes copied once at the measured memory-copy bandwidth; the "
                + "bytes are the store's raw bytes of its one snapshot (`/thaw/store/stats`), an upper bound of the "
                + "memory image, since they also count its /tmp, the runtime jar, CRIU's other image files and, on "
                + "JDK 25+, the snapshot's AOT cache, which restores map rather than copy. *PSS*: the mean "
                + "proportional set size of a restored copy's JVM at the end of its first invocation (CRIU copies "
                + "the image's private memory into each copy, so copies of one snapshot share only file pages).");
        line("");
        table(List.of("function", "mode", "fetch", "prepare", "engine", "hooks", "server total", "first invoke ≈",
                "client mean", "floor", "client mean vs floor", "PSS MiB"));
        for (RestorePhases p : cold.restorePhases()) {
            Optional<PhysicalFloor> floor = results.floor(p.function());
            row(p.function(), p.mode().label(), ms(p.fetchMs()), ms(p.prepareMs()), ms(p.engineMs()), ms(p.hooksMs()),
                    ms(p.serverTotalMs()), ms(p.firstInvokeMs()), ms(p.clientMeanMs()),
                    floor.map(f -> String.format("%.1f (%.0f MiB)", f.floorMs(), f.imageBytes() / MIB)).orElse("–"),
                    floor.map(f -> times(p.clientMeanMs() / f.floorMs()) + " above").orElse("–"),
                    String.format("%.1f", p.memory().pssBytes() / MIB));
        }
        line("");
        lazyPages();
    }

    /** For lazy restores: how the image's pages were loaded by the end of the first invocation. */
    private void lazyPages() {
        List<RestorePhases> lazy = cold.restorePhases().stream().filter(p -> p.memory().lazy()).toList();
        if (lazy.isEmpty()) {
            return;
        }
        line("Lazy restores, mean pages per copy (`thaw_restore_pages`) by how they were loaded by the end of the "
                + "first invocation: *eager* before the copy resumed (memory CRIU never loads lazily: file-backed "
                + "private pages, the stack), *prefetched* from the start of the restore as the working set recorded "
                + "from the snapshot's first copies (none for the first copy; refined by the next two), *faulted* "
                + "when the copy touched them (with the rest of their 64 KiB block), *rest* not yet (it loads in the "
                + "background once the first request is answered). *Needed floor*: eager + prefetched + "
                + "faulted bytes at the measured memory-copy bandwidth.");
        line("");
        table(List.of("function", "eager", "prefetched", "faulted", "rest", "needed MiB", "needed floor",
                "client mean vs floor"));
        for (RestorePhases p : lazy) {
            long neededBytes = Math.round((p.memory().eager() + p.memory().prefetched() + p.memory().faulted())
                    * PAGE_BYTES);
            double floorMs = results.memoryBandwidth().millisFor(neededBytes);
            row(p.function(), String.format("%.0f", p.memory().eager()), String.format("%.0f", p.memory().prefetched()),
                    String.format("%.0f", p.memory().faulted()), String.format("%.0f", p.memory().rest()),
                    mib(neededBytes), ms(floorMs),
                    times(p.clientMeanMs() / floorMs) + " above");
        }
        line("");
    }

    private void publishAndSize() {
        line("## 3. Publish time and snapshot size");
        line("");
        line("PublishVersion sent → version 1 Active (init, checkpoint, chunking, compression, encryption, storing), "
                + "in s, on each restore mode's server:");
        line("");
        List<ColdStartMode> servers = List.of(ColdStartMode.RESTORE, ColdStartMode.RESTORE_L1,
                ColdStartMode.RESTORE_L2, ColdStartMode.RESTORE_DURABLE);
        List<String> header = new ArrayList<>(List.of("function"));
        servers.forEach(mode -> header.add(mode.label()));
        header.add("default publish ÷ on-demand p50");
        table(header);
        for (BenchFunction function : results.functions()) {
            List<String> cells = new ArrayList<>(List.of(function.name()));
            servers.forEach(mode -> cells.add(cold.publish(function.name(), mode)
                    .map(p -> String.format("%.1f", p.seconds())).orElse("–")));
            cells.add(cold.publish(function.name(), ColdStartMode.RESTORE)
                    .flatMap(p -> cold.series(function.name(), ColdStartMode.ON_DEMAND)
                            .map(s -> times(p.seconds() * 1000 / s.latency().p50())))
                    .orElse("–"));
            row(cells.toArray(String[]::new));
        }
        line("");
        line("Snapshot storage on the default server (`GET /thaw/store/stats`), one snapshot per function:");
        line("");
        table(List.of("function", "snapshots", "raw MiB", "stored MiB", "stored vs raw", "dedup", "compression",
                "L1 MiB", "durable MiB"));
        for (BenchFunction function : results.functions()) {
            cold.snapshotSize(function.name()).ifPresent(s -> row(function.name(), Integer.toString(s.snapshots()),
                    mib(s.rawBytes()), mib(s.storedBytes()),
                    String.format("%.0f%%", 100.0 * s.storedBytes() / Math.max(1, s.rawBytes())),
                    times(s.dedupRatio()), times(s.compressionRatio()), mib(s.tierBytes().getOrDefault("l1", 0L)),
                    mib(s.tierBytes().getOrDefault("durable", 0L))));
        }
        line("");
    }

    private void warm() {
        WarmInvokeBenchmark.Result warm = results.warm();
        line("## 4. Warm invokes");
        line("");
        if (warm == null) {
            line("Skipped: `--functions` leaves out `%s`.", BenchFunction.HELLO.name());
            line("");
            return;
        }
        line("`%s` with the default idle timeout, after %d untimed invokes; latency in ms.", BenchFunction.HELLO.name(),
                results.options().warmupInvokes());
        line("");
        table(List.of("run", "clients", "invokes", "p50", "p90", "p99", "max", "invokes/s", "vs 1 client"));
        LatencyStats s = warm.sequential();
        row("sequential", "1", Integer.toString(s.count()), ms2(s.p50()), ms2(s.p90()), ms2(s.p99()), ms2(s.max()),
                "", "");
        double single = warm.throughput().isEmpty() ? 0 : warm.throughput().getFirst().invokesPerSecond();
        for (ThroughputRun.Result run : warm.throughput()) {
            LatencyStats l = run.latency();
            row(String.format("throughput, %d s", results.options().throughputSeconds()),
                    Integer.toString(run.clients()), Long.toString(run.invokes()), ms2(l.p50()), ms2(l.p90()),
                    ms2(l.p99()), ms2(l.max()), String.format("%.0f", run.invokesPerSecond()),
                    times(run.invokesPerSecond() / single));
        }
        line("");
        cold.series(BenchFunction.HELLO.name(), ColdStartMode.RESTORE).ifPresent(restore -> line(
                "A restored cold start of `%s` (p50 %s ms) costs %s a warm invoke (p50 %s ms).",
                BenchFunction.HELLO.name(), ms(restore.latency().p50()), times(restore.latency().p50() / s.p50()),
                ms2(s.p50())));
        line("");
    }

    private void burst() {
        line("## 5. Burst");
        line("");
        if (results.bursts().isEmpty()) {
            line("Skipped: %s.", results.options().burstSize() == 0
                    ? (results.options().quick() ? "`--quick`" : "a burst size of 0")
                    : String.format("`--functions` leaves out `%s` or `%s`", BenchFunction.SPRING_BOOT.name(),
                            BenchFunction.SPRING_BOOT_PRIMED.name()));
            line("");
            return;
        }
        line("%d concurrent invocations of `%s` (and of restored copies of `%s`) with no environment (idle timeout 0, "
                + "server concurrency limit "
                + "≥ 128), released together from virtual threads over one SDK client with a pool of as many "
                + "connections, after one untimed cold start of each kind. Other limits are the server's defaults, "
                + "Lambda's: a restore must finish within 10 s; an on-demand init may run past its 10 s within the "
                + "function's timeout (%d s). Times in s.", results.options().burstSize(),
                BenchFunction.SPRING_BOOT.name(), BenchFunction.SPRING_BOOT_PRIMED.name(),
                BenchServer.FUNCTION_TIMEOUT_SECONDS);
        line("");
        table(List.of("target", "invocations", "all answered after", "vs restore", "restored", "on demand",
                "fallback", "warm", "throttled", "errors", "p50", "p99"));
        double restoreAll = results.bursts().stream().filter(b -> b.target().endsWith(":1")).findFirst()
                .map(BurstRun.Result::allAnsweredMs).orElse(Double.NaN);
        for (BurstRun.Result b : results.bursts()) {
            row("`" + b.target() + "`", Integer.toString(b.invocations()), seconds(b.allAnsweredMs()),
                    times(b.allAnsweredMs() / restoreAll), count(b, StartKind.RESTORE), count(b, StartKind.ON_DEMAND),
                    count(b, StartKind.FALLBACK), count(b, StartKind.WARM), Integer.toString(b.throttled()),
                    Integer.toString(b.errors()), seconds(b.latency().p50()), seconds(b.latency().p99()));
        }
        results.bursts().stream().filter(b -> b.firstError() != null)
                .forEach(b -> line("\nFirst error of `%s`: `%s`", b.target(), b.firstError().replace('`', '\'')));
        line("");
    }

    private static String count(BurstRun.Result burst, StartKind kind) {
        return Integer.toString(burst.starts().getOrDefault(kind, 0));
    }

    /** How {@code mode} compares with {@code baseline}: "N× faster" or "N× slower", at p50 and optionally p99. */
    private String versus(String function, ColdStartMode mode, ColdStartMode baseline, boolean withP99) {
        return cold.series(function, baseline).flatMap(b -> cold.series(function, mode).map(m -> {
            double p50 = b.latency().p50() / m.latency().p50();
            if (!withP99) {
                return relative(p50);
            }
            double p99 = b.latency().p99() / m.latency().p99();
            return (p50 >= 1) == (p99 >= 1)
                    ? times(p50 >= 1 ? p50 : 1 / p50) + " / " + relative(p99)
                    : relative(p50) + " / " + relative(p99);
        })).orElse("–");
    }

    /** A ratio of a baseline's latency to a mode's, as the mode's speed. */
    private static String relative(double ratio) {
        return ratio >= 1 ? times(ratio) + " faster" : times(1 / ratio) + " slower";
    }

    private void table(List<String> header) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + " --- |".repeat(header.size()));
    }

    private void row(String... cells) {
        line("| " + String.join(" | ", cells) + " |");
    }

    private void line(String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(format, args)).append('\n');
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format("%.0f", millis) : String.format("%.1f", millis);
    }

    private static String ms2(double millis) {
        return String.format("%.2f", millis);
    }

    private static String seconds(double millis) {
        return String.format("%.2f", millis / 1000);
    }

    private static String mib(long bytes) {
        return String.format("%.1f", bytes / MIB);
    }

    private static String times(double ratio) {
        return ratio >= 10 ? String.format("%.0f×", ratio) : String.format("%.1f×", ratio);
    }

    private static String minutes(double seconds) {
        return String.format("%d min %02d s", (long) seconds / 60, (long) seconds % 60);
    }
}
