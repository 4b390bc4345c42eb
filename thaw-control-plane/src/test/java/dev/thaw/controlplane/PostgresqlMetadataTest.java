package dev.thaw.controlplane;

import dev.thaw.controlplane.layers.LayerVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The metadata in a real PostgreSQL server: the same operations as on the embedded database, kept across restarts. */
class PostgresqlMetadataTest {

    private static PostgresServer postgres;
    private static int databases;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String newDatabase() throws Exception {
        return postgres.newDatabase("thaw_test_" + ++databases);
    }

    @Test
    void everythingAServerKeepsSurvivesARestart() throws Exception {
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir, newDatabase())) {
            FunctionRef hello = FunctionRef.parse("hello");
            FunctionConfig latest = fixture.create("hello", TestPackages.zip("v1"));
            FunctionConfig version = fixture.controlPlane.versions().publish(hello,
                    new Requests.PublishVersion(null, "first", null));
            AliasConfig alias = fixture.controlPlane.aliases().create(hello,
                    new Requests.CreateAlias("live", "1", null, null));
            fixture.controlPlane.concurrency().put(hello, 3);
            EventInvokeConfig async = fixture.controlPlane.eventInvokeConfigs().put(FunctionRef.parse("hello:live"),
                    new Requests.FunctionEventInvokeConfig(1, 120, null));
            FunctionUrlConfig url = fixture.controlPlane.functionUrls().create(FunctionRef.parse("hello:live"),
                    new Requests.FunctionUrlConfig("NONE", new Requests.Cors(true, null, List.of("GET"),
                            List.of("https://example.com"), null, 60), null));
            LayerVersion layer = fixture.controlPlane.layers().publish("shared", new Requests.PublishLayerVersion(
                    "libraries", new Requests.FunctionCode(TestPackages.zip(Map.of("java/lib/a.jar", "a")), null,
                    null, null, null), List.of("java21"), null, null));
            // Replacing rows (the upserts) as well as inserting them.
            FunctionConfig updated = fixture.controlPlane.functions().updateConfiguration(hello,
                    new Requests.UpdateFunctionConfiguration(null, null, "second", null, null, null, null, null,
                            null, null, null, List.of(fixture.controlPlane.layers().versionArn(layer))));

            fixture.reopen();

            ControlPlane reopened = fixture.controlPlane;
            assertEquals(updated, reopened.functions().configuration(hello));
            assertEquals(version, reopened.functions().configuration(FunctionRef.parse("hello:1")));
            assertEquals(alias, reopened.aliases().get(hello, "live"));
            assertEquals(3, reopened.concurrency().get(hello));
            assertEquals(async, reopened.eventInvokeConfigs().get(FunctionRef.parse("hello:live")));
            assertEquals(url, reopened.functionUrls().get(FunctionRef.parse("hello:live")));
            assertEquals(layer, reopened.layers().get("shared", "1"));
            assertEquals(List.of("$LATEST", "1"), reopened.versions().list(hello, null, null).items().stream()
                    .map(FunctionConfig::version).toList());
            assertEquals("2", reopened.versions().publish(hello, new Requests.PublishVersion(null, null, null))
                    .version(), "publishing is numbered on from the stored versions");
            assertFalse(latest.revisionId().equals(updated.revisionId()));

            reopened.functions().delete(hello);
            assertThrows(LambdaException.class, () -> reopened.functions().configuration(hello));
            assertEquals(List.of(), reopened.functions().list(null, null, null).items());
        }
    }
}
