package dev.thaw.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Package layouts, handler selection and input errors. */
class ScannerInputTest {

    @TempDir
    Path temp;

    private final SnapStartScanner scanner = new SnapStartScanner();

    @Test
    void scansAJarWithClassesAtItsRoot() throws Exception {
        ScanReport report = scanner.scan(Corpus.jar("staticuuid", temp.resolve("f.jar")), List.of());
        assertEquals(List.of("corpus.staticuuid.Handler"), report.handlers());
        assertEquals(1, report.findings().size());
        Finding finding = report.findings().get(0);
        assertEquals("corpus.staticuuid.Handler.ID", finding.storedIn());
        assertEquals("java.util.UUID.randomUUID()", finding.value());
        assertEquals(ValueCategory.UUID, finding.category());
        assertEquals("corpus/staticuuid/Handler.java", finding.sourcePath());
        assertEquals(List.of("corpus.staticuuid.Handler.<clinit>"), finding.path());
    }

    @Test
    void reportsOnlyTheFunctionsOwnClassesOfALambdaZip() throws Exception {
        // BaseHandler (in lib/) stores a UUID too, but library code is not the function's to fix.
        ScanReport report = scanner.scan(Corpus.lambdaZip("libbase", temp.resolve("f.zip")), List.of());
        assertEquals(List.of("corpus.libbase.Handler"), report.handlers());
        assertEquals(List.of("corpus.libbase.Handler.seed"),
                report.findings().stream().map(Finding::storedIn).toList());
        assertEquals(1, report.classes());
    }

    @Test
    void aNamedHandlerNeedNotImplementTheHandlerInterfaces() throws Exception {
        Path dir = Corpus.directory("uuidhelper", temp);
        ScanReport report = scanner.scan(dir, List.of("corpus.uuidhelper.Handler::handleRequest"));
        Finding finding = report.findings().get(0);
        assertEquals("corpus.uuidhelper.Handler", finding.className());
        assertEquals("<init>", finding.method());
        assertEquals("()V", finding.descriptor());
        assertEquals("corpus.uuidhelper.Handler.id", finding.storedIn());
        assertEquals(List.of("corpus.uuidhelper.Handler.<init>"), finding.path());
        assertTrue(finding.storedAt().startsWith("corpus.uuidhelper.Handler.<init> line "), finding.storedAt());
        assertEquals(report.findings(), scanner.scan(dir, List.of("corpus.uuidhelper.Handler")).findings());
    }

    @Test
    void aHandlerFromALibraryBuildsTheFunctionsOwnHandlers() throws Exception {
        // As with a framework's invoker as the handler: it builds the function's handler classes reflectively.
        ScanReport report = scanner.scan(Corpus.lambdaZip("libbase", temp.resolve("f.zip")),
                List.of("corpus.libbase.lib.BaseHandler::handleRequest"));
        assertEquals(List.of("corpus.libbase.Handler.seed"),
                report.findings().stream().map(Finding::storedIn).toList());
    }

    @Test
    void oneScanReportsEveryNamedHandler() throws Exception {
        Corpus.directory("staticuuid", temp);
        Corpus.directory("ctorrandom", temp);
        ScanReport report = scanner.scan(temp,
                List.of("corpus.staticuuid.Handler", "corpus.ctorrandom.Handler::handleRequest"));
        assertEquals(List.of("corpus.staticuuid.Handler", "corpus.ctorrandom.Handler"), report.handlers());
        assertEquals(List.of("corpus.ctorrandom.Handler.random", "corpus.staticuuid.Handler.ID"),
                report.findings().stream().map(Finding::storedIn).toList());
    }

    @Test
    void failsClearlyOnInputsItCannotScan() throws Exception {
        Path notAZip = Files.writeString(temp.resolve("broken.zip"), "not a zip");
        assertTrue(assertThrows(ScanException.class, () -> scanner.scan(notAZip, List.of()))
                .getMessage().contains("not a readable jar or zip file"));
        assertTrue(assertThrows(ScanException.class, () -> scanner.scan(temp.resolve("missing.jar"), List.of()))
                .getMessage().startsWith("no such file or directory"));
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertTrue(assertThrows(ScanException.class, () -> scanner.scan(empty, List.of()))
                .getMessage().startsWith("no classes found"));
    }

    @Test
    void failsClearlyWithoutAHandler() throws Exception {
        // Only Ids: no class implements RequestHandler.
        Path dir = temp.resolve("ids");
        Files.createDirectories(dir.resolve("corpus/uuidhelper"));
        Files.copy(Corpus.CLASSES.resolve("uuidhelper/Ids.class"), dir.resolve("corpus/uuidhelper/Ids.class"));
        assertTrue(assertThrows(ScanException.class, () -> scanner.scan(dir, List.of()))
                .getMessage().startsWith("no handler found"));
        assertTrue(assertThrows(ScanException.class, () -> scanner.scan(dir, List.of("example.Missing::handle")))
                .getMessage().contains("example.Missing not found"));
    }

    @Test
    void findingsCarryAOneLineMessageForLogs() throws Exception {
        Finding finding = scanner.scan(Corpus.directory("superctor", temp), List.of()).findings().get(0);
        assertEquals("SNAP_START corpus.superctor.Base.<init> line " + finding.line()
                + ": java.util.UUID.randomUUID() stored in corpus.superctor.Base.instanceId"
                + " - every restored copy shares it", finding.message());
        assertEquals(List.of("corpus.superctor.Handler.<init>", "corpus.superctor.Base.<init>"), finding.path());
    }
}
