package dev.thaw.controlplane;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
