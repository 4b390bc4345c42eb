package dev.thaw.controlplane;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeCatalogTest {

    @TempDir
    Path dir;

    @Test
    void eachRuntimeGetsItsOwnReleaseOrTheNearestNewer() {
        Jdk jdk17 = new Jdk(Path.of("/jdk17"), 17);
        Jdk jdk25 = new Jdk(Path.of("/jdk25"), 25);
        Map<String, Jdk> chosen = RuntimeCatalog.chooseJdks(List.of(jdk25, jdk17));
        assertEquals(Map.of("java17", jdk17, "java21", jdk25, "java25", jdk25), chosen);
        assertEquals(Map.of("java17", jdk17), RuntimeCatalog.chooseJdks(List.of(jdk17)));
    }

    @Test
    void theMappingIsWrittenOnceAndTheOperatorsEditsWin() throws IOException {
        Path home = fakeJdk("jdk-a", "21.0.2");
        RuntimeCatalog.load(dir, List.of(Jdk.at(home).orElseThrow()));
        String written = Files.readString(dir.resolve(RuntimeCatalog.FILE_NAME));
        assertTrue(written.contains("java17=" + home), written);
        assertTrue(written.contains("java21=" + home), written);
        assertFalse(written.contains("java25="), written);

        Path other = fakeJdk("jdk-b", "17.0.9");
        Files.writeString(dir.resolve(RuntimeCatalog.FILE_NAME), "java17=" + other + "\n");
        RuntimeCatalog edited = RuntimeCatalog.load(dir, List.of());
        assertEquals(other, edited.javaHome("java17"));
        LambdaException missing = assertThrows(LambdaException.class, () -> edited.javaHome("java21"));
        assertEquals("InvalidParameterValueException", missing.type());
    }

    @Test
    void nonJavaRuntimesAreRejected() {
        RuntimeCatalog catalog = RuntimeCatalog.load(dir, List.of());
        for (String runtime : List.of("python3.12", "java8", "java11", "nodejs18.x")) {
            LambdaException error = assertThrows(LambdaException.class, () -> catalog.javaHome(runtime));
            assertEquals("InvalidParameterValueException", error.type());
            assertTrue(error.getMessage().startsWith("The runtime parameter of " + runtime), error.getMessage());
        }
    }

    @Test
    void majorVersionsParseInBothSchemes() {
        assertEquals(Optional.of(17), Jdk.parseMajor("17.0.15"));
        assertEquals(Optional.of(25), Jdk.parseMajor("25"));
        assertEquals(Optional.of(8), Jdk.parseMajor("1.8.0_402"));
        assertEquals(Optional.empty(), Jdk.parseMajor("banana"));
    }

    @Test
    void theRunningJdkIsAlwaysFound() {
        int running = Runtime.version().feature();
        assertTrue(JdkScanner.scan(dir).stream().anyMatch(jdk -> jdk.major() == running));
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = dir.resolve(name);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
