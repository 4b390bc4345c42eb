package dev.thaw.scan;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.thaw.scan.Corpus.Expected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which classes are the function's follows from where they come from, not from their package: a function living in
 * {@code software.amazon}, {@code com.amazonaws} and {@code org.springframework} packages is analysed as a plain
 * jar, as a shaded jar holding the Lambda core library, and as a Lambda zip with that library under {@code lib/}.
 */
class ProvenanceTest {

    /** The function's own packages and its relocated library copy. */
    private static final List<String> PACKAGES = List.of("software/amazon/scancorpus", "com/amazonaws/scancorpus",
            "org/springframework/scancorpus", "software/amazon/scancorpus/shaded/org/slf4j");
    private static final String LAMBDA_CORE_METADATA =
            "META-INF/maven/com.amazonaws/aws-lambda-java-core/pom.properties";

    @TempDir
    Path temp;

    private final SnapStartScanner scanner = new SnapStartScanner();

    @Test
    void aPlainJarIsAllOwnCodeButRelocatedLibraries() throws Exception {
        Path jar = temp.resolve("function.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            addFunction(out, "");
        }
        assertOwnFindings(scanner.scan(jar, List.of()));
    }

    @Test
    void aShadedJarLeavesTheLibrariesItsMetadataNamesOut() throws Exception {
        Path jar = temp.resolve("shaded.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            addFunction(out, "");
            copyClasses(lambdaCoreJar(), out);
            out.putNextEntry(new ZipEntry(LAMBDA_CORE_METADATA));
            out.write("groupId=com.amazonaws\nartifactId=aws-lambda-java-core\n".getBytes());
            out.closeEntry();
        }
        assertOwnFindings(scanner.scan(jar, List.of()));
    }

    @Test
    void aLambdaZipTakesItsLibrariesFromLib() throws Exception {
        Path zip = temp.resolve("function.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            addFunction(out, "classes/");
            out.putNextEntry(new ZipEntry("lib/aws-lambda-java-core.jar"));
            Files.copy(lambdaCoreJar(), out);
            out.closeEntry();
        }
        assertOwnFindings(scanner.scan(zip, List.of()));
    }

    private void assertOwnFindings(ScanReport report) throws IOException {
        assertEquals(List.of("software.amazon.scancorpus.Handler"), report.handlers());
        assertEquals(3, report.classes(), "the function's three classes, no library's");
        List<Expected> expected = new ArrayList<>();
        for (String pkg : PACKAGES) {
            expected.addAll(Corpus.marksOfPackage(pkg));
        }
        expected.sort(null);
        List<Expected> actual = new ArrayList<>(report.findings().stream().map(Expected::of).toList());
        actual.sort(null);
        assertEquals(expected, actual, () -> TextReport.render(report));
        assertEquals(3, actual.size());
    }

    private static void addFunction(ZipOutputStream out, String prefix) throws IOException {
        for (String pkg : PACKAGES) {
            try (var files = Files.list(Path.of("target/test-classes").resolve(pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    out.putNextEntry(new ZipEntry(prefix + pkg + "/" + file.getFileName()));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
    }

    private static void copyClasses(Path jar, ZipOutputStream out) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class")) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    zip.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    private static Path lambdaCoreJar() {
        try {
            return Path.of(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
