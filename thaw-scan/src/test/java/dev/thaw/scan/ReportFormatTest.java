package dev.thaw.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text, JSON and SARIF renderings of a report. */
class ReportFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private ScanReport scan(String corpusCase) throws Exception {
        return new SnapStartScanner().scan(Corpus.directory(corpusCase, temp.resolve(corpusCase)), List.of());
    }

    @Test
    void jsonHasEveryFieldOfAFinding() throws Exception {
        ScanReport report = scan("uuidhelper");
        int line = Corpus.expected("uuidhelper").get(0).line();
        JsonNode root = JSON.readTree(ReportFormat.JSON.render(report));
        assertEquals("corpus.uuidhelper.Handler", root.get("handlers").get(0).asText());
        JsonNode finding = root.get("findings").get(0);
        assertEquals("SNAP_START", finding.get("bugCode").asText());
        assertEquals("corpus.uuidhelper.Handler", finding.get("class").asText());
        assertEquals("<init>", finding.get("method").asText());
        assertEquals(line, finding.get("line").asInt());
        assertEquals("java.util.UUID.randomUUID() via corpus.uuidhelper.Ids.newId()", finding.get("value").asText());
        assertEquals("UUID", finding.get("category").asText());
        assertEquals("corpus.uuidhelper.Handler.id", finding.get("storedIn").asText());
        assertEquals("corpus.uuidhelper.Handler.<init>", finding.get("path").get(0).asText());
        assertEquals("corpus/uuidhelper/Handler.java", finding.get("sourceFile").asText());
        assertEquals(0, root.get("warnings").size());
    }

    @Test
    void sarifIsAMinimalValidLog() throws Exception {
        ScanReport report = scan("staticuuid");
        int line = Corpus.expected("staticuuid").get(0).line();
        JsonNode root = JSON.readTree(ReportFormat.SARIF.render(report));
        assertEquals("2.1.0", root.get("version").asText());
        JsonNode run = root.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertEquals("thaw scan", driver.get("name").asText());
        assertEquals("SNAP_START", driver.get("rules").get(0).get("id").asText());
        JsonNode result = run.get("results").get(0);
        assertEquals("SNAP_START", result.get("ruleId").asText());
        assertEquals("warning", result.get("level").asText());
        assertTrue(result.get("message").get("text").asText().contains("corpus.staticuuid.Handler.ID"));
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertEquals("corpus/staticuuid/Handler.java", location.get("artifactLocation").get("uri").asText());
        assertEquals(line, location.get("region").get("startLine").asInt());
    }

    @Test
    void sarifWithoutFindingsHasAnEmptyResultList() throws Exception {
        JsonNode root = JSON.readTree(ReportFormat.SARIF.render(scan("inhandler")));
        assertEquals(0, root.get("runs").get(0).get("results").size());
    }

    @Test
    void textShowsValueStoreAndPath() throws Exception {
        String text = ReportFormat.TEXT.render(scan("uuidhelper"));
        assertTrue(text.contains("SNAP_START corpus.uuidhelper.Handler.<init> line "), text);
        assertTrue(text.contains("value:     java.util.UUID.randomUUID() via corpus.uuidhelper.Ids.newId()"), text);
        assertTrue(text.contains("stored in: corpus.uuidhelper.Handler.id"), text);
        assertTrue(text.contains("path:      corpus.uuidhelper.Handler.<init>"), text);
        assertTrue(text.contains("1 finding"), text);
        assertTrue(ReportFormat.TEXT.render(scan("clockstored")).contains("no findings"));
    }

    @Test
    void formatNamesAreCaseInsensitive() {
        assertEquals(ReportFormat.SARIF, ReportFormat.parse("Sarif"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("xml")).getMessage()
                .contains("text, json, sarif"));
    }
}
