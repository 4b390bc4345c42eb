package dev.thaw.controlplane;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data directory written before versions had states and snapshots opens, and its SnapStart versions get one. */
class SchemaUpgradeTest {

    /** The schema and documents as the first server wrote them: no schema version, no states, no snapshots. */
    private static final String FIRST_SCHEMA = """
            CREATE TABLE functions (name VARCHAR(64) PRIMARY KEY, last_version INT NOT NULL,
              reserved_concurrency INT, tags CLOB NOT NULL);
            CREATE TABLE versions (
              function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
              version VARCHAR(16) NOT NULL, version_order INT NOT NULL, config CLOB NOT NULL,
              PRIMARY KEY (function_name, version));
            CREATE TABLE aliases (
              function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
              name VARCHAR(128) NOT NULL, config CLOB NOT NULL, PRIMARY KEY (function_name, name));
            """;

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseOfTheFirstSchemaIsUpgradedInPlace() throws Exception {
        writeFirstSchemaDatabase();

        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            FunctionConfig plain = fixture.controlPlane.functions().configuration(FunctionRef.parse("plain:1"));
            assertEquals(VersionState.active(), plain.state(), "versions stored without a state were Active");
            assertEquals(512, plain.ephemeralStorage());
            assertEquals(List.of("$LATEST", "1"), fixture.controlPlane.versions()
                    .list(FunctionRef.parse("plain"), null, null).items().stream().map(FunctionConfig::version)
                    .toList());

            // Published with SnapStart by a server that took no snapshots: it gets one now (this package's fails).
            FunctionConfig snapStart = fixture.awaitState("snappy:1", VersionState.FAILED);
            assertTrue(snapStart.snapStartOn());

            fixture.restartEditing(store -> assertFalse(store.snapshots().iterator().hasNext()));
            assertEquals(0, fixture.controlPlane.eventInvokeConfigs().put(FunctionRef.parse("plain:1"),
                    new Requests.FunctionEventInvokeConfig(0, null, null)).maximumRetryAttempts(),
                    "the upgraded database holds async invocation settings too");
        }
    }

    @Test
    void aDatabaseThatRecordedItsSchemaVersionItselfIsTakenOverAtThatVersion() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("metadata").resolve("thaw").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "thaw", "");
             Statement statement = connection.createStatement()) {
            for (String step : List.of("V1__functions_versions_aliases.sql", "V2__snapshots.sql",
                    "V3__event_invoke_configs.sql", "V4__function_urls.sql")) {
                try (InputStream in = getClass().getResourceAsStream("/db/migration/" + step)) {
                    statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${text}", "CLOB"));
                }
            }
            statement.execute("CREATE TABLE schema_version (version INT NOT NULL)");
            statement.execute("INSERT INTO schema_version VALUES (4)");
            statement.execute("INSERT INTO functions VALUES ('plain', 1, NULL, '{}')");
            statement.execute("INSERT INTO versions VALUES ('plain', '$LATEST', 0, '"
                    + document("plain", "$LATEST", "None") + "')");
            statement.execute("SHUTDOWN");
        }

        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            assertEquals("java17", fixture.controlPlane.functions().configuration(FunctionRef.parse("plain"))
                    .runtime());
            // The step after version 4 ran: layers have their tables.
            assertEquals(1, fixture.controlPlane.layers().publish("after", new Requests.PublishLayerVersion(null,
                    new Requests.FunctionCode(TestPackages.zip("layer"), null, null, null, null), null, null, null))
                    .version());
        }
    }

    private void writeFirstSchemaDatabase() throws SQLException {
        String url = "jdbc:h2:file:" + dataDir.resolve("metadata").resolve("thaw").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "thaw", "");
             Statement statement = connection.createStatement()) {
            statement.execute(FIRST_SCHEMA);
            for (String function : List.of("plain", "snappy")) {
                String applyOn = function.equals("plain") ? "None" : "PublishedVersions";
                statement.execute("INSERT INTO functions VALUES ('" + function + "', 1, NULL, '{}')");
                statement.execute("INSERT INTO versions VALUES ('" + function + "', '$LATEST', 0, '"
                        + document(function, "$LATEST", applyOn) + "')");
                statement.execute("INSERT INTO versions VALUES ('" + function + "', '1', 1, '"
                        + document(function, "1", applyOn) + "')");
            }
            statement.execute("SHUTDOWN");
        }
    }

    private static String document(String function, String version, String applyOn) {
        return "{\"functionName\":\"" + function + "\",\"version\":\"" + version + "\",\"runtime\":\"java17\","
                + "\"role\":\"" + ControlPlaneFixture.ROLE + "\",\"handler\":\"example.Handler::handleRequest\","
                + "\"codeSize\":10,\"codeSha256\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\","
                + "\"description\":\"\",\"timeout\":3,\"memorySize\":128,\"environment\":{},"
                + "\"snapStartApplyOn\":\"" + applyOn + "\",\"lastModified\":\"2024-01-31T12:34:56.789+0000\","
                + "\"revisionId\":\"r-" + version + "\"}";
    }
}
