package dev.thaw.controlplane;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void functionsVersionsAliasesTagsAndConcurrencySurviveAReopen() {
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            FunctionRef hello = FunctionRef.parse("hello");
            FunctionConfig latest = fixture.create("hello", TestPackages.zip("v1"));
            FunctionConfig version = fixture.controlPlane.versions().publish(hello,
                    new Requests.PublishVersion(null, "first", null));
            AliasConfig alias = fixture.controlPlane.aliases().create(hello,
                    new Requests.CreateAlias("live", "1", null, null));
            fixture.controlPlane.concurrency().put(hello, 3);

            fixture.reopen();

            ControlPlane reopened = fixture.controlPlane;
            assertEquals(latest, reopened.functions().configuration(hello));
            assertEquals(version, reopened.functions().configuration(FunctionRef.parse("hello:1")));
            assertEquals("first", version.description());
            assertEquals(alias, reopened.aliases().get(hello, "live"));
            assertEquals(3, reopened.concurrency().get(hello));
            assertEquals(Map.of("team", "a"), reopened.functions().get(hello).function().tags());
            assertEquals("1", reopened.versions().publish(hello, new Requests.PublishVersion(null, null, null))
                    .version(), "publishing unchanged $LATEST after a restart returns the stored version");
        }
    }

    @Test
    void packagesNoVersionRefersToAreCollectedAtStart() throws Exception {
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            FunctionRef kept = FunctionRef.parse("kept");
            FunctionConfig first = fixture.create("kept", TestPackages.zip("v1"));
            fixture.controlPlane.versions().publish(kept, new Requests.PublishVersion(null, null, null));
            FunctionConfig replaced = fixture.controlPlane.functions().updateCode(kept, new Requests.UpdateFunctionCode(
                    TestPackages.zip("v2"), null, null, null, null, null, null, null));
            FunctionConfig current = fixture.controlPlane.functions().updateCode(kept,
                    new Requests.UpdateFunctionCode(TestPackages.zip("v3"), null, null, null, null, null, null, null));
            FunctionConfig deleted = fixture.create("deleted", TestPackages.zip("gone"));
            fixture.controlPlane.functions().delete(FunctionRef.parse("deleted"));
            PackageStore packages = fixture.controlPlane.packages();
            Path interrupted = Files.writeString(packages.zipPath("ab").resolveSibling("ab.1234.tmp"), "half");

            fixture.reopen();

            for (FunctionConfig live : new FunctionConfig[] {first, current}) {
                assertTrue(Files.exists(packages.zipPath(PackageStore.hexOf(live.codeSha256()))));
                assertTrue(Files.isDirectory(packages.codeDir(live.codeSha256())));
            }
            for (FunctionConfig unused : new FunctionConfig[] {replaced, deleted}) {
                assertFalse(Files.exists(packages.zipPath(PackageStore.hexOf(unused.codeSha256()))));
                assertFalse(Files.exists(packages.codeDir(unused.codeSha256())));
            }
            assertFalse(Files.exists(interrupted));
        }
    }
}
