package dev.thaw.scan;

import dev.thaw.scan.Corpus.Expected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scans each corpus function on its own (handler found automatically) and asserts exactly the findings its source
 * marks: same classes, methods and lines, nothing more. Known limits are asserted as they are and counted as false
 * negatives or positives. Prints true/false positives and false negatives per category at the end.
 */
class CorpusTest {

    /** How a case is packaged for the scan. */
    private enum Layout { DIRECTORY, LAMBDA_ZIP }

    /** {@code handlers}: what {@code --handler} names, empty to let the scanner find them. */
    private record Case(String name, String category, Layout layout, List<String> handlers) {

        Case(String name, String category) {
            this(name, category, Layout.DIRECTORY, List.of());
        }
    }

    private static final List<Case> CASES = List.of(
            // Positive cases: each marked line must be found, nothing else.
            new Case("staticrandom", "random"),
            new Case("ctorrandom", "random"),
            new Case("threadlocalrandom", "random"),
            new Case("mathrandom", "random"),
            new Case("splittable", "random"),
            new Case("otherclinit", "random"),
            new Case("libbase", "random", Layout.LAMBDA_ZIP, List.of()),
            new Case("injectedrandom", "random"),
            new Case("wrappedrandom", "random"),
            new Case("staticuuid", "uuid"),
            new Case("uuidhelper", "uuid"),
            new Case("staticlist", "uuid"),
            new Case("superctor", "uuid"),
            new Case("setter", "uuid"),
            new Case("beforecheckpoint", "uuid"),
            new Case("managedbean", "uuid"),
            new Case("fieldsupplier", "uuid"),
            new Case("libraryhandler", "uuid", Layout.LAMBDA_ZIP, List.of("corpus.libraryhandler.lib.Invoker")),
            // Dependencies and frameworks: what a container or adapter builds during init.
            new Case("dependencyparam", "framework"),
            new Case("springconfig", "framework"),
            new Case("springbootadapter", "framework"),
            new Case("micronautbean", "framework"),
            new Case("cdihandler", "framework"),
            new Case("nanotime", "time"),
            new Case("millistring", "time"),
            new Case("instantnow", "time"),
            new Case("clockinstant", "time"),
            new Case("seededsecure", "securerandom"),
            new Case("setseed", "securerandom"),
            new Case("nextbytes", "securerandom"),
            // Known limits: a miss and false alarm each, asserted as they are.
            new Case("implicitflow", "random"),
            new Case("reflection", "uuid"),
            new Case("sysprop", "uuid"),
            new Case("lambdalocal", "uuid"),
            // Negative cases: no marker, so any finding is a false positive.
            new Case("inhandler", "negative"),
            new Case("afterrestore", "negative"),
            new Case("refreshed", "negative"),
            new Case("initlog", "negative"),
            new Case("elapsed", "negative"),
            new Case("unseededsecure", "negative"),
            new Case("handleronlyhelper", "negative"),
            new Case("storedsupplier", "negative"),
            new Case("clockstored", "negative"),
            new Case("lazyfield", "negative"));

    /** Per category: cases, true positives, false positives, false negatives. */
    private static final Map<String, int[]> COUNTS = new TreeMap<>();

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> eachCaseHasExactlyItsMarkedFindings() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(Case c) throws Exception {
        Path root = Files.createDirectories(temp.resolve(c.name()));
        Path target = switch (c.layout()) {
            case LAMBDA_ZIP -> Corpus.lambdaZip(c.name(), root.resolve("function.zip"));
            case DIRECTORY -> Corpus.directory(c.name(), root);
        };
        ScanReport report = new SnapStartScanner().scan(target, c.handlers());
        List<Expected> actual = new ArrayList<>(report.findings().stream().map(Expected::of).toList());
        actual.sort(null);
        Corpus.Marks marks = Corpus.marks(c.name());
        List<Expected> expected = new ArrayList<>(marks.expected());
        expected.addAll(marks.knownFalseAlarms());
        expected.sort(null);

        List<Expected> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        List<Expected> extra = new ArrayList<>(actual);
        expected.forEach(extra::remove);
        int[] counts = COUNTS.computeIfAbsent(c.category(), k -> new int[4]);
        synchronized (COUNTS) {
            counts[0]++;
            counts[1] += marks.expected().size() - missing.size();
            counts[2] += extra.size() + marks.knownFalseAlarms().size();
            counts[3] += missing.size() + marks.knownMisses().size();
        }
        assertEquals(expected, actual, () -> TextReport.render(report));
        assertEquals(List.of(), report.warnings());
    }

    @AfterAll
    static void printTable() {
        StringBuilder table = new StringBuilder("\ncategory     cases  TP  FP  FN  precision  recall\n");
        int[] total = new int[4];
        COUNTS.forEach((category, n) -> {
            table.append(row(category, n));
            for (int i = 0; i < total.length; i++) {
                total[i] += n[i];
            }
        });
        table.append(row("all", total));
        System.out.println(table);
    }

    private static String row(String category, int[] n) {
        return String.format("%-12s %5d %3d %3d %3d  %9s  %6s%n", category, n[0], n[1], n[2], n[3],
                ratio(n[1], n[1] + n[2]), ratio(n[1], n[1] + n[3]));
    }

    private static String ratio(int part, int whole) {
        return whole == 0 ? "-" : String.format("%.2f", (double) part / whole);
    }
}
