package dev.thaw.controlplane;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a metadata database to the schema this server uses. Each step runs once, in order, in one transaction with
 * the recorded schema version, so a data directory written by any earlier server opens here. Databases from before
 * the version table have step 1 already; its statements are idempotent for that reason.
 */
final class SchemaMigrations {

    private static final List<String> STEPS = List.of(
            """
            CREATE TABLE IF NOT EXISTS functions (
              name VARCHAR(64) PRIMARY KEY,
              last_version INT NOT NULL,
              reserved_concurrency INT,
              tags CLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS versions (
              function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
              version VARCHAR(16) NOT NULL,
              version_order INT NOT NULL,
              config CLOB NOT NULL,
              PRIMARY KEY (function_name, version));
            CREATE TABLE IF NOT EXISTS aliases (
              function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
              name VARCHAR(128) NOT NULL,
              config CLOB NOT NULL,
              PRIMARY KEY (function_name, name));
            """,
            // The snapshot an Active SnapStart version restores from; it goes with its version.
            """
            CREATE TABLE snapshots (
              function_name VARCHAR(64) NOT NULL,
              version VARCHAR(16) NOT NULL,
              snapshot_id VARCHAR(512) NOT NULL,
              fingerprint VARCHAR(1024) NOT NULL,
              last_invoked TIMESTAMP WITH TIME ZONE NOT NULL,
              PRIMARY KEY (function_name, version),
              FOREIGN KEY (function_name, version) REFERENCES versions(function_name, version) ON DELETE CASCADE);
            """,
            // Async invocation settings of a version or alias (PutFunctionEventInvokeConfig); they go with the
            // function, and the store removes a qualifier's with its version or alias.
            """
            CREATE TABLE event_invoke_configs (
              function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
              qualifier VARCHAR(128) NOT NULL,
              maximum_retry_attempts INT,
              maximum_event_age_seconds INT,
              on_success VARCHAR(350),
              on_failure VARCHAR(350),
              last_modified TIMESTAMP WITH TIME ZONE NOT NULL,
              PRIMARY KEY (function_name, qualifier));
            """,
            // Function URLs of $LATEST or an alias; they go with the function, and the store removes an alias's
            // with it. The id names the URL in requests, so it is unique across functions.
            """
            CREATE TABLE function_urls (
              function_name VARCHAR(64) NOT NULL REFERENCES functions(name) ON DELETE CASCADE,
              qualifier VARCHAR(128) NOT NULL,
              url_id CHAR(32) NOT NULL UNIQUE,
              auth_type VARCHAR(16) NOT NULL,
              cors CLOB,
              invoke_mode VARCHAR(16) NOT NULL,
              creation_time TIMESTAMP WITH TIME ZONE NOT NULL,
              last_modified TIMESTAMP WITH TIME ZONE NOT NULL,
              PRIMARY KEY (function_name, qualifier));
            """,
            // Layers and their versions. A layer's row stays when its last version goes, so that its version
            // numbers are never used twice; functions keep what they use of a deleted version in their own
            // configuration.
            """
            CREATE TABLE layers (
              name VARCHAR(140) PRIMARY KEY,
              last_version BIGINT NOT NULL);
            CREATE TABLE layer_versions (
              layer_name VARCHAR(140) NOT NULL REFERENCES layers(name),
              version BIGINT NOT NULL,
              config CLOB NOT NULL,
              PRIMARY KEY (layer_name, version));
            """);

    private SchemaMigrations() {
    }

    /** The schema version this server writes. */
    static int current() {
        return STEPS.size();
    }

    static void migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
            int version = version(statement);
            if (version > current()) {
                throw new IllegalStateException("the metadata database has schema version " + version
                        + ", newer than this server's " + current() + ": run a newer server");
            }
            for (int step = version; step < current(); step++) {
                statement.execute(STEPS.get(step));
            }
            statement.execute("DELETE FROM schema_version");
            statement.execute("INSERT INTO schema_version VALUES (" + current() + ")");
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static int version(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
