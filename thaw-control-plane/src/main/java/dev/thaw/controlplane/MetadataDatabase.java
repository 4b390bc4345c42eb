package dev.thaw.controlplane;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The database the metadata lives in: embedded H2 in the data directory (one server), or a PostgreSQL server that
 * several can share. Opening it brings its schema to this server's with Flyway ({@code db/migration}, one set of
 * scripts for both, the large text and binary types placeholders); a database from before Flyway is taken over at the version
 * it recorded. What SQL differs between the two (an upsert) is the {@link Dialect}'s.
 */
final class MetadataDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataDatabase.class);
    /** The version table of the servers before Flyway, which ran the same steps themselves. */
    private static final String LEGACY_VERSION_TABLE = "schema_version";
    private static final int POOL_SIZE = 8;

    /** What the two databases spell differently. */
    enum Dialect {
        H2("CLOB", "BLOB") {
            @Override
            String upsert(String table, List<String> keys, List<String> columns) {
                return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keys)
                        + ") VALUES (" + parameters(columns) + ")";
            }
        },
        POSTGRESQL("TEXT", "BYTEA") {
            @Override
            String upsert(String table, List<String> keys, List<String> columns) {
                String updates = columns.stream().filter(column -> !keys.contains(column))
                        .map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));
                return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + parameters(columns)
                        + ") ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET " + updates;
            }
        };

        private final String textType;
        private final String binaryType;

        Dialect(String textType, String binaryType) {
            this.textType = textType;
            this.binaryType = binaryType;
        }

        /** An insert of one row of {@code columns} (as parameters, in order) that replaces the row with its keys. */
        abstract String upsert(String table, List<String> keys, List<String> columns);

        private static String parameters(List<String> columns) {
            return columns.stream().map(column -> "?").collect(Collectors.joining(", "));
        }
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Runnable closer;

    private MetadataDatabase(DataSource dataSource, Dialect dialect, Runnable closer) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.closer = closer;
    }

    /** Opens (creating when absent) the embedded database in {@code directory}. */
    static MetadataDatabase embedded(Path directory) {
        // The async file system: an interrupted thread (a job stopped at shutdown) would close a plain file channel
        // under the whole database.
        String url = "jdbc:h2:async:" + directory.toAbsolutePath().resolve("thaw") + ";DB_CLOSE_ON_EXIT=FALSE"
                // Every commit is on file before the call that made it is answered: a kill -9 loses nothing acknowledged.
                + ";WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "thaw", "");
        return migrated(new MetadataDatabase(pool, Dialect.H2, () -> {
            // SHUTDOWN closes the database under its own connection, so it runs outside any transaction.
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot close the metadata database", e);
            } finally {
                pool.dispose();
            }
        }), "embedded database in " + directory);
    }

    /** Opens a PostgreSQL database, e.g. {@code jdbc:postgresql://db.internal:5432/thaw?user=thaw}. */
    static MetadataDatabase postgresql(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl.split("\\?")[0]);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("thaw-metadata");
        HikariDataSource pool = new HikariDataSource(config);
        return migrated(new MetadataDatabase(pool, Dialect.POSTGRESQL, pool::close),
                "PostgreSQL database " + jdbcUrl.split("\\?")[0]);
    }

    private static MetadataDatabase migrated(MetadataDatabase database, String what) {
        try {
            database.migrate();
            return database;
        } catch (RuntimeException e) {
            database.closer.run();
            throw new IllegalStateException("cannot open the metadata " + what, e);
        }
    }

    private void migrate() {
        OptionalInt legacy = legacyVersion();
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .placeholders(Map.of("text", dialect.textType, "blob", dialect.binaryType)).loggers("slf4j");
        if (legacy.isPresent()) {
            // Its tables are those of that many steps; a database without the table had the first step's.
            flyway.baselineOnMigrate(true).baselineVersion(Integer.toString(legacy.getAsInt()));
        }
        flyway.load().migrate();
        if (legacy.isPresent()) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + LEGACY_VERSION_TABLE);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the old schema version table", e);
            }
            LOG.info("metadata schema taken over from version {}", legacy.getAsInt());
        }
    }

    /**
     * The version a database of the servers before Flyway is at: what its version table says, 0 when it has tables
     * but no version table (the first server's); empty for a new database or one Flyway keeps.
     */
    private OptionalInt legacyVersion() {
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = tables(connection);
            if (tables.isEmpty() || tables.contains("flyway_schema_history")) {
                return OptionalInt.empty();
            }
            if (!tables.contains(LEGACY_VERSION_TABLE)) {
                return OptionalInt.of(0);
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM " + LEGACY_VERSION_TABLE)) {
                return OptionalInt.of(rs.next() ? rs.getInt(1) : 0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the metadata schema's version", e);
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (!"INFORMATION_SCHEMA".equalsIgnoreCase(schema) && !"pg_catalog".equals(schema)) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
            return names;
        }
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * The lock servers sharing this database take around each change to it: a PostgreSQL advisory lock held by a
     * connection of its own for as long as the change runs (a server that dies mid-change releases it with its
     * session). The embedded database has one server, whose own lock suffices.
     */
    MutationLock.ClusterLock clusterLock() {
        return dialect == Dialect.H2 ? MutationLock.ONE_SERVER : new AdvisoryLock();
    }

    /** Called by one thread at a time: the server's own mutation lock is held around it. */
    private final class AdvisoryLock implements MutationLock.ClusterLock {
        /** Any number the servers agree on: Thaw's metadata as a whole. */
        private static final long KEY = 0x7468617700000001L;
        private Connection session;

        @Override
        public void lock() {
            try {
                if (session == null || !session.isValid(1)) {
                    session = dataSource.getConnection();
                    session.setAutoCommit(true);
                }
                try (PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    statement.setLong(1, KEY);
                    statement.execute();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot take the cluster's metadata lock", e);
            }
        }

        @Override
        public void unlock() {
            try (PreparedStatement statement = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, KEY);
                statement.execute();
            } catch (SQLException e) {
                // A broken session has released the lock with it.
                LOG.warn("cannot release the cluster's metadata lock: {}", e.toString());
            }
        }
    }

    Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        closer.run();
    }
}
