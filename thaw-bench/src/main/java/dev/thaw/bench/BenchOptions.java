package dev.thaw.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What one run measures. Arguments: {@code --quick} (5 cold starts per mode, shorter warm runs, no burst),
 * {@code --functions NAME,...} (only these of {@link BenchFunction#all()}; the warm invokes need {@code hello}, the
 * burst {@code spring-boot} and {@code spring-boot-primed}, and are skipped without them) and {@code --out DIR}
 * [thaw-bench/target/bench]. System properties override the rest (defaults in brackets):
 * {@code thaw.bench.coldstarts} [20 per function and mode], {@code thaw.bench.runtime} [java21],
 * {@code thaw.bench.invokes} [2000 sequential warm invokes], {@code thaw.bench.clients} [1,2,4],
 * {@code thaw.bench.seconds} [10 per throughput run], {@code thaw.bench.burst} [100 concurrent invocations].
 *
 * @param functions  the names of the measured functions, in {@link BenchFunction#all()}'s order
 * @param runtime    the runtime of every mode but the AOT cache's
 * @param aotRuntime the runtime of the AOT-cache mode: the JDK's AOT cache needs JDK 25
 */
record BenchOptions(boolean quick, List<String> functions, Path outDir, int coldStarts, String runtime,
                    String aotRuntime, int warmupInvokes, int sequentialInvokes, List<Integer> clientCounts,
                    int throughputSeconds, int burstSize) {

    static final String USAGE = "usage: ThawBench [--quick] [--functions NAME,...] [--out DIR]";

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        List<String> functions = names(BenchFunction.all());
        Path outDir = Path.of("thaw-bench/target/bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--functions" -> functions = selection(valueOf(args, ++i, "a list of function names"));
                case "--out" -> outDir = Path.of(valueOf(args, ++i, "a directory"));
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; " + USAGE);
            }
        }
        return new BenchOptions(quick, functions, outDir,
                Integer.getInteger("thaw.bench.coldstarts", quick ? 5 : 20),
                System.getProperty("thaw.bench.runtime", "java21"),
                "java25",
                quick ? 50 : 200,
                Integer.getInteger("thaw.bench.invokes", quick ? 300 : 2000),
                Arrays.stream(System.getProperty("thaw.bench.clients", "1,2,4").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                Integer.getInteger("thaw.bench.seconds", quick ? 2 : 10),
                quick ? 0 : Integer.getInteger("thaw.bench.burst", 100));
    }

    private static String valueOf(String[] args, int i, String what) {
        if (i == args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs " + what + "; " + USAGE);
        }
        return args[i];
    }

    /** The named functions in {@link BenchFunction#all()}'s order, so that reports list them as a full run does. */
    private static List<String> selection(String list) {
        List<String> named = Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        List<String> known = names(BenchFunction.all());
        List<String> unknown = named.stream().filter(name -> !known.contains(name)).toList();
        if (named.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("--functions takes names out of " + String.join(",", known)
                    + (unknown.isEmpty() ? "" : "; unknown: " + String.join(",", unknown)));
        }
        return known.stream().filter(named::contains).toList();
    }

    private static List<String> names(List<BenchFunction> functions) {
        return functions.stream().map(BenchFunction::name).toList();
    }

    List<BenchFunction> selectedFunctions() {
        return BenchFunction.all().stream().filter(this::selects).toList();
    }

    boolean selects(BenchFunction function) {
        return functions.contains(function.name());
    }

    /** The warm invokes run {@code hello}. */
    boolean warm() {
        return selects(BenchFunction.HELLO);
    }

    /** The burst runs the Spring application, plain and primed. */
    boolean burst() {
        return burstSize > 0 && selects(BenchFunction.SPRING_BOOT) && selects(BenchFunction.SPRING_BOOT_PRIMED);
    }
}
