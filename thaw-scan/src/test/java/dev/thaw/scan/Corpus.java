package dev.thaw.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The test functions under {@code src/test/java/corpus/<case>}: packages them (a directory, a jar, a Lambda zip)
 * from the compiled test classes, and reads the expected findings from their sources. A line marked
 * {@code // SNAP_START expected: <method>} must be reported; {@code known-miss} marks a real bug the scanner does
 * not see and {@code known-false-alarm} a report that is not a bug: documented limits, asserted as they are so
 * that a change in either direction shows.
 */
final class Corpus {

    static final Path SOURCES = Path.of("src/test/java/corpus");
    static final Path CLASSES = Path.of("target/test-classes/corpus");
    private static final Pattern MARKER =
            Pattern.compile("// SNAP_START (expected|known-miss|known-false-alarm): (.+?)\\s*$");

    /** A finding reduced to what the corpus asserts. */
    record Expected(String className, String method, int line) implements Comparable<Expected> {

        static Expected of(Finding finding) {
            return new Expected(finding.className(), finding.method(), finding.line());
        }

        @Override
        public int compareTo(Expected o) {
            return toString().compareTo(o.toString());
        }
    }

    private Corpus() {
    }

    /** The marked lines of a case, by marker kind. */
    record Marks(List<Expected> expected, List<Expected> knownMisses, List<Expected> knownFalseAlarms) {
    }

    static List<Expected> expected(String name) throws IOException {
        return marks(name).expected();
    }

    /** The lines marked {@code expected} in the sources of a test package ({@code com/example}). */
    static List<Expected> marksOfPackage(String packagePath) throws IOException {
        return marksIn(Path.of("src/test/java").resolve(packagePath), packagePath.replace('/', '.')).expected();
    }

    static Marks marks(String name) throws IOException {
        return marksIn(SOURCES.resolve(name), "corpus." + name);
    }

    private static Marks marksIn(Path directory, String packageName) throws IOException {
        Marks marks = new Marks(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Path source : files(directory, ".java")) {
            String className = packageName + "." + source.getFileName().toString().replace(".java", "");
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher marker = MARKER.matcher(lines.get(i));
                if (marker.find()) {
                    Expected mark = new Expected(className, marker.group(2), i + 1);
                    switch (marker.group(1)) {
                        case "expected" -> marks.expected().add(mark);
                        case "known-miss" -> marks.knownMisses().add(mark);
                        default -> marks.knownFalseAlarms().add(mark);
                    }
                }
            }
        }
        marks.expected().sort(null);
        return marks;
    }

    /** The case's classes (not its {@code lib} subpackage) in a directory, as an unpacked package. */
    static Path directory(String name, Path root) throws IOException {
        for (Path file : files(CLASSES.resolve(name), ".class")) {
            Path target = root.resolve("corpus").resolve(name).resolve(file.getFileName().toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
        return root;
    }

    /** The case's classes at the root of a jar. */
    static Path jar(String name, Path jar) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            addClasses(out, "", name, CLASSES.resolve(name));
        }
        return jar;
    }

    /** Lambda's zip layout: the case's classes under {@code classes/}, its {@code lib} package as {@code lib/*.jar}. */
    static Path lambdaZip(String name, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            addClasses(out, "classes/", name, CLASSES.resolve(name));
            Path lib = CLASSES.resolve(name).resolve("lib");
            if (Files.isDirectory(lib)) {
                Path libJar = Files.createTempFile("corpus-lib", ".jar");
                try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(libJar))) {
                    addClasses(jar, "", name + "/lib", lib);
                }
                out.putNextEntry(new ZipEntry("lib/" + name + "-lib.jar"));
                Files.copy(libJar, out);
                out.closeEntry();
                Files.delete(libJar);
            }
        }
        return zip;
    }

    private static void addClasses(ZipOutputStream out, String prefix, String name, Path dir) throws IOException {
        for (Path file : files(dir, ".class")) {
            out.putNextEntry(new ZipEntry(prefix + "corpus/" + name + "/" + file.getFileName()));
            Files.copy(file, out);
            out.closeEntry();
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
