package dev.thaw.scan.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs Maven, offline on this build's local repository, on a sample function that stores a UUID in a static field:
 * the installed plugin, bound to verify, fails its build and writes the report it was configured for.
 */
class ScanMojoIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private record Build(int exit, String log) {
    }

    @Test
    void failsTheBuildOnFindingsAndWritesTheJsonReport() throws Exception {
        Path project = sample();
        Build build = mvn(project, "verify");
        assertNotEquals(0, build.exit(), build.log());
        assertTrue(build.log().contains("SNAP_START sample.Handler.<clinit> line 10"), build.log());
        assertTrue(build.log().contains("BUILD FAILURE"), build.log());
        JsonNode finding = JSON.readTree(project.resolve("target/thaw-scan.json").toFile()).get("findings").get(0);
        assertEquals("sample.Handler", finding.get("class").asText());
        assertEquals("sample.Handler.INSTANCE", finding.get("storedIn").asText());
    }

    @Test
    void reportsInSarifWithoutFailingWhenToldSo() throws Exception {
        Path project = sample();
        Build build = mvn(project, "verify", "-Dthaw.scan.failOnFindings=false", "-Dthaw.scan.format=sarif",
                "-Dthaw.scan.output=target/thaw-scan.sarif");
        assertEquals(0, build.exit(), build.log());
        JsonNode sarif = JSON.readTree(project.resolve("target/thaw-scan.sarif").toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals(1, sarif.get("runs").get(0).get("results").size());
    }

    private Path sample() throws IOException {
        Path source = Path.of("src/test/resources/sample");
        Path project = temp.resolve("sample");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = project.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, Files.readString(file)
                        .replace("@plugin.version@", System.getProperty("plugin.version")));
            }
        }
        return project;
    }

    private static Build mvn(Path project, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn")
                .toString(), "-o", "-B", "-Dmaven.repo.local=" + System.getProperty("local.repository")));
        command.addAll(List.of(args));
        Path log = project.resolve("build.log");
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn did not finish: " + Files.readString(log));
        }
        return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
