package dev.thaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    /** Compiles one handler class (named with --handler, so it needs no Lambda interface) into its own directory. */
    private Path function(String name, String body) throws Exception {
        return function(name, "Handler", body);
    }

    private Path function(String name, String className, String body) throws Exception {
        Path src = Files.createDirectories(temp.resolve(name + "-src/fixture"));
        Path source = src.resolve(className + ".java");
        Files.writeString(source, "package fixture;\n\npublic class " + className + " {\n" + body + "}\n");
        Path classes = Files.createDirectories(temp.resolve(name));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-g", "-d", classes.toString(), source.toString()));
        return classes;
    }

    private Path sharedUuid() throws Exception {
        return function("shared", """
                    static final String ID = java.util.UUID.randomUUID().toString();

                    public String handleRequest(String input) {
                        return input + ID;
                    }
                """);
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ThawCli()).execute(args);
            return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void exitsOneWithFindingsInText() throws Exception {
        Run run = run("scan", sharedUuid().toString(), "--handler", "fixture.Handler::handleRequest");
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("SNAP_START fixture.Handler.<clinit> line 4 (fixture/Handler.java)"), run.out());
        assertTrue(run.out().contains("stored in: fixture.Handler.ID"), run.out());
    }

    @Test
    void exitsZeroWithoutFindings() throws Exception {
        Path clean = function("clean", """
                    public String handleRequest(String input) {
                        return input + java.util.UUID.randomUUID();
                    }
                """);
        Run run = run("scan", clean.toString(), "--handler", "fixture.Handler");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("no findings"), run.out());
    }

    @Test
    void acceptsSeveralHandlers() throws Exception {
        Path function = sharedUuid();
        Run run = run("scan", function.toString(), "--handler", "fixture.Handler", "--handler",
                "fixture.Handler::handleRequest", "--format", "json");
        assertEquals(1, run.exit(), run.err());
        assertEquals("fixture.Handler", JSON.readTree(run.out()).get("handlers").get(0).asText());
    }

    @Test
    void writesJsonToAFile() throws Exception {
        Path report = temp.resolve("report.json");
        Run run = run("scan", sharedUuid().toString(), "--handler", "fixture.Handler", "--format", "json",
                "--output", report.toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals("", run.out());
        JsonNode finding = JSON.readTree(report.toFile()).get("findings").get(0);
        assertEquals("SNAP_START", finding.get("bugCode").asText());
        assertEquals("fixture.Handler", finding.get("class").asText());
        assertEquals("<clinit>", finding.get("method").asText());
        assertEquals(4, finding.get("line").asInt());
        assertEquals("fixture.Handler.ID", finding.get("storedIn").asText());
    }

    @Test
    void printsSarif() throws Exception {
        Run run = run("scan", sharedUuid().toString(), "--handler", "fixture.Handler", "--format", "SARIF");
        assertEquals(1, run.exit(), run.err());
        JsonNode sarif = JSON.readTree(run.out());
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode runNode = sarif.get("runs").get(0);
        assertEquals("thaw scan", runNode.get("tool").get("driver").get("name").asText());
        JsonNode result = runNode.get("results").get(0);
        assertEquals("SNAP_START", result.get("ruleId").asText());
        assertEquals("warning", result.get("level").asText());
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertEquals("fixture/Handler.java", location.get("artifactLocation").get("uri").asText());
        assertEquals(4, location.get("region").get("startLine").asInt());
    }

    @Test
    void exitsTwoOnInputErrors() throws Exception {
        Path broken = Files.writeString(temp.resolve("broken.zip"), "not a zip");
        Run badZip = run("scan", broken.toString());
        assertEquals(2, badZip.exit());
        assertTrue(badZip.err().contains("thaw scan: not a readable jar or zip file"), badZip.err());

        // Neither a handler interface nor a handler's name or signature: nothing says it is one.
        Run noHandler = run("scan", function("plain", "Ids", """
                    static final String ID = java.util.UUID.randomUUID().toString();

                    public String next(String input) {
                        return input + ID;
                    }
                """).toString());
        assertEquals(2, noHandler.exit());
        assertTrue(noHandler.err().contains("no handler found"), noHandler.err());

        assertEquals(2, run("scan", sharedUuid().toString(), "--format", "xml").exit());
        assertEquals(2, run("scan").exit());
    }
}
