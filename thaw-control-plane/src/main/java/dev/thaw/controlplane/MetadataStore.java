package dev.thaw.controlplane;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.controlplane.cluster.ClusterNode;
import dev.thaw.controlplane.cluster.SnapshotJobClaim;
import dev.thaw.controlplane.layers.LayerVersion;
import dev.thaw.worker.InvokeInput;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Functions, versions, aliases, tags, reserved concurrency, SnapStart snapshots, async invocation settings,
 * function URLs and layers in a relational database ({@link MetadataDatabase}: embedded H2, or PostgreSQL).
 * Version and alias configurations are stored as JSON documents keyed by function and version/alias name, so adding a
 * configuration member needs no schema change; tables are changed by the migrations under {@code db/migration}. Callers
 * serialise mutations (see {@link MutationLock}); each method that writes more than one row does so in one
 * transaction.
 */
public final class MetadataStore implements AutoCloseable, SharedPackages {

    private static final String EVENT_INVOKE_CONFIG = "SELECT function_name, qualifier, maximum_retry_attempts, "
            + "maximum_event_age_seconds, on_success, on_failure, last_modified FROM event_invoke_configs";

    private static final String FUNCTION_URL = "SELECT function_name, qualifier, url_id, auth_type, cors, "
            + "invoke_mode, creation_time, last_modified FROM function_urls";

    private final MetadataDatabase database;
    // Only record components are stored: helpers such as FunctionConfig.isLatest() are not data.
    private final ObjectMapper json = new ObjectMapper()
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private MetadataStore(MetadataDatabase database) {
        this.database = database;
    }

    /** Opens (creating when absent) the embedded database in {@code directory}. */
    public static MetadataStore open(Path directory) {
        return new MetadataStore(MetadataDatabase.embedded(directory));
    }

    /** Opens a PostgreSQL database by its JDBC URL, bringing its schema up to date. */
    public static MetadataStore openPostgresql(String jdbcUrl) {
        return new MetadataStore(MetadataDatabase.postgresql(jdbcUrl));
    }

    public Optional<FunctionRecord> function(String name) {
        return query("SELECT name, last_version, reserved_concurrency, tags FROM functions WHERE name = ?",
                this::functionRecord, name).stream().findFirst();
    }

    public List<FunctionRecord> functions() {
        return query("SELECT name, last_version, reserved_concurrency, tags FROM functions ORDER BY name",
                this::functionRecord);
    }

    /** Inserts a new function with its $LATEST configuration. */
    public void createFunction(FunctionRecord function, FunctionConfig latest) {
        transaction(connection -> {
            execute(connection, "INSERT INTO functions (name, last_version, reserved_concurrency, tags) "
                            + "VALUES (?, ?, ?, ?)", function.name(), function.lastVersion(),
                    function.reservedConcurrency(), toJson(function.tags()));
            putVersion(connection, latest);
        });
    }

    public void updateFunction(FunctionRecord function) {
        update("UPDATE functions SET last_version = ?, reserved_concurrency = ?, tags = ? WHERE name = ?",
                function.lastVersion(), function.reservedConcurrency(), toJson(function.tags()), function.name());
    }

    public void deleteFunction(String name) {
        update("DELETE FROM functions WHERE name = ?", name);
    }

    public Optional<FunctionConfig> version(String functionName, String version) {
        return query("SELECT config FROM versions WHERE function_name = ? AND version = ?",
                rs -> fromJson(rs.getString(1), FunctionConfig.class), functionName, version).stream().findFirst();
    }

    /** $LATEST first, then published versions in ascending order. */
    public List<FunctionConfig> versions(String functionName) {
        return query("SELECT config FROM versions WHERE function_name = ? ORDER BY version_order",
                rs -> fromJson(rs.getString(1), FunctionConfig.class), functionName);
    }

    /** Every function's $LATEST, or every version of every function, ordered by function name. */
    public List<FunctionConfig> allVersions(boolean publishedToo) {
        return query("SELECT config FROM versions" + (publishedToo ? "" : " WHERE version = '$LATEST'")
                        + " ORDER BY function_name, version_order",
                rs -> fromJson(rs.getString(1), FunctionConfig.class));
    }

    public void putVersion(FunctionConfig config) {
        transaction(connection -> putVersion(connection, config));
    }

    /** Stores a new published version and advances the function's version counter in one step. */
    public void publish(FunctionRecord function, FunctionConfig version) {
        transaction(connection -> {
            execute(connection, "UPDATE functions SET last_version = ? WHERE name = ?", function.lastVersion(),
                    function.name());
            putVersion(connection, version);
        });
    }

    public void deleteVersion(String functionName, String version) {
        transaction(connection -> {
            execute(connection, "DELETE FROM versions WHERE function_name = ? AND version = ?", functionName,
                    version);
            deleteEventInvokeConfig(connection, functionName, version);
            deletePolicy(connection, functionName, version);
        });
    }

    public Optional<SnapshotRecord> snapshot(String functionName, String version) {
        return query("SELECT function_name, version, snapshot_id, fingerprint, last_invoked FROM snapshots "
                + "WHERE function_name = ? AND version = ?", MetadataStore::snapshotRecord, functionName, version)
                .stream().findFirst();
    }

    public List<SnapshotRecord> snapshots() {
        return query("SELECT function_name, version, snapshot_id, fingerprint, last_invoked FROM snapshots",
                MetadataStore::snapshotRecord);
    }

    /** Stores a version's new state and the snapshot it now restores from (replacing any earlier one) together. */
    public void putSnapshot(FunctionConfig version, SnapshotRecord snapshot) {
        transaction(connection -> {
            putVersion(connection, version);
            execute(connection, upsert("snapshots", List.of("function_name", "version"), "function_name", "version",
                    "snapshot_id", "fingerprint", "last_invoked"), snapshot.functionName(),
                    snapshot.version(), snapshot.snapshotId(), snapshot.fingerprint(), timestamp(snapshot.lastInvoked()));
        });
    }

    /** Stores a version's new state and forgets its snapshot together. */
    public void dropSnapshot(FunctionConfig version) {
        transaction(connection -> {
            putVersion(connection, version);
            execute(connection, "DELETE FROM snapshots WHERE function_name = ? AND version = ?",
                    version.functionName(), version.version());
        });
    }

    /** Records invocations seen since the last call; an older time never replaces a newer one. */
    public void recordInvocations(Map<VersionKey, Instant> lastInvoked) {
        transaction(connection -> {
            for (Map.Entry<VersionKey, Instant> entry : lastInvoked.entrySet()) {
                execute(connection, "UPDATE snapshots SET last_invoked = ? WHERE function_name = ? AND version = ? "
                                + "AND last_invoked < ?", timestamp(entry.getValue()), entry.getKey().functionName(),
                        entry.getKey().version(), timestamp(entry.getValue()));
            }
        });
    }

    public Optional<AliasConfig> alias(String functionName, String name) {
        return query("SELECT config FROM aliases WHERE function_name = ? AND name = ?",
                rs -> fromJson(rs.getString(1), AliasConfig.class), functionName, name).stream().findFirst();
    }

    public List<AliasConfig> aliases(String functionName) {
        return query("SELECT config FROM aliases WHERE function_name = ? ORDER BY name",
                rs -> fromJson(rs.getString(1), AliasConfig.class), functionName);
    }

    public void putAlias(AliasConfig alias) {
        update(upsert("aliases", List.of("function_name", "name"), "function_name", "name", "config"),
                alias.functionName(), alias.name(), toJson(alias));
    }

    public void deleteAlias(String functionName, String name) {
        transaction(connection -> {
            execute(connection, "DELETE FROM aliases WHERE function_name = ? AND name = ?", functionName, name);
            deleteEventInvokeConfig(connection, functionName, name);
            deleteFunctionUrl(connection, functionName, name);
            deletePolicy(connection, functionName, name);
        });
    }

    public Optional<EventInvokeConfig> eventInvokeConfig(String functionName, String qualifier) {
        return query(EVENT_INVOKE_CONFIG + " WHERE function_name = ? AND qualifier = ?",
                MetadataStore::eventInvokeConfig, functionName, qualifier).stream().findFirst();
    }

    /** The function's settings, ordered by qualifier. */
    public List<EventInvokeConfig> eventInvokeConfigs(String functionName) {
        return query(EVENT_INVOKE_CONFIG + " WHERE function_name = ? ORDER BY qualifier",
                MetadataStore::eventInvokeConfig, functionName);
    }

    public void putEventInvokeConfig(EventInvokeConfig config) {
        update(upsert("event_invoke_configs", List.of("function_name", "qualifier"), "function_name", "qualifier",
                        "maximum_retry_attempts", "maximum_event_age_seconds", "on_success", "on_failure",
                        "last_modified"), config.functionName(),
                config.qualifier(), config.maximumRetryAttempts(),
                config.maximumEventAge() == null ? null : config.maximumEventAge().toSeconds(),
                config.destinations().onSuccess(), config.destinations().onFailure(),
                timestamp(config.lastModified()));
    }

    public void deleteEventInvokeConfig(String functionName, String qualifier) {
        transaction(connection -> deleteEventInvokeConfig(connection, functionName, qualifier));
    }

    public Optional<FunctionUrlConfig> functionUrl(String functionName, String qualifier) {
        return query(FUNCTION_URL + " WHERE function_name = ? AND qualifier = ?", this::functionUrl, functionName,
                qualifier).stream().findFirst();
    }

    public Optional<FunctionUrlConfig> functionUrlById(String urlId) {
        return query(FUNCTION_URL + " WHERE url_id = ?", this::functionUrl, urlId).stream().findFirst();
    }

    /** The function's URLs, ordered by qualifier. */
    public List<FunctionUrlConfig> functionUrls(String functionName) {
        return query(FUNCTION_URL + " WHERE function_name = ? ORDER BY qualifier", this::functionUrl, functionName);
    }

    public void putFunctionUrl(FunctionUrlConfig config) {
        update(upsert("function_urls", List.of("function_name", "qualifier"), "function_name", "qualifier", "url_id",
                        "auth_type", "cors", "invoke_mode", "creation_time", "last_modified"),
                config.functionName(), config.qualifier(), config.urlId(), config.authType().name(),
                config.cors().map(this::toJson).orElse(null), config.invokeMode().name(),
                timestamp(config.creationTime()), timestamp(config.lastModifiedTime()));
    }

    public void deleteFunctionUrl(String functionName, String qualifier) {
        transaction(connection -> deleteFunctionUrl(connection, functionName, qualifier));
    }

    @Override
    public void close() {
        database.close();
    }

    private String upsert(String table, List<String> keys, String... columns) {
        return database.dialect().upsert(table, keys, List.of(columns));
    }

    private static void deleteEventInvokeConfig(Connection connection, String functionName, String qualifier)
            throws SQLException {
        execute(connection, "DELETE FROM event_invoke_configs WHERE function_name = ? AND qualifier = ?",
                functionName, qualifier);
    }

    private static void deleteFunctionUrl(Connection connection, String functionName, String qualifier)
            throws SQLException {
        execute(connection, "DELETE FROM function_urls WHERE function_name = ? AND qualifier = ?", functionName,
                qualifier);
    }

    private FunctionUrlConfig functionUrl(ResultSet rs) throws SQLException {
        String cors = rs.getString(5);
        return new FunctionUrlConfig(rs.getString(1), rs.getString(2), rs.getString(3),
                UrlAuthType.valueOf(rs.getString(4)),
                cors == null ? Optional.empty() : Optional.of(fromJson(cors, UrlCors.class)),
                UrlInvokeMode.valueOf(rs.getString(6)), rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getObject(8, OffsetDateTime.class).toInstant());
    }

    private static EventInvokeConfig eventInvokeConfig(ResultSet rs) throws SQLException {
        Integer retries = rs.getObject(3, Integer.class);
        Integer ageSeconds = rs.getObject(4, Integer.class);
        return new EventInvokeConfig(rs.getString(1), rs.getString(2), retries,
                ageSeconds == null ? null : Duration.ofSeconds(ageSeconds),
                new EventInvokeConfig.Destinations(rs.getString(5), rs.getString(6)),
                rs.getObject(7, OffsetDateTime.class).toInstant());
    }

    private void putVersion(Connection connection, FunctionConfig config) throws SQLException {
        int order = config.isLatest() ? 0 : Integer.parseInt(config.version());
        execute(connection, upsert("versions", List.of("function_name", "version"), "function_name", "version",
                "version_order", "config"), config.functionName(), config.version(),
                order, toJson(config));
    }

    private static SnapshotRecord snapshotRecord(ResultSet rs) throws SQLException {
        return new SnapshotRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }

    /** What servers sharing this database hold around a change to it. */
    public MutationLock.ClusterLock clusterLock() {
        return database.clusterLock();
    }

    @Override
    public void putPackage(String sha256Hex, byte[] zip) {
        update(upsert("packages", List.of("sha256"), "sha256", "zip", "stored"), sha256Hex, zip,
                timestamp(Instant.now()));
    }

    @Override
    public Optional<byte[]> packageZip(String sha256Hex) {
        return query("SELECT zip FROM packages WHERE sha256 = ?", rs -> rs.getBytes(1), sha256Hex).stream()
                .findFirst();
    }

    /**
     * Deletes the packages stored before {@code before} that none of {@code referenced} (hex SHA-256s) names; the
     * younger ones may belong to an upload whose version another server is about to commit.
     */
    public int deleteUnreferencedPackages(Set<String> referenced, Instant before) {
        List<String> unreferenced = query("SELECT sha256 FROM packages WHERE stored < ?", rs -> rs.getString(1),
                timestamp(before)).stream().filter(sha -> !referenced.contains(sha)).toList();
        for (String sha : unreferenced) {
            update("DELETE FROM packages WHERE sha256 = ?", sha);
        }
        return unreferenced.size();
    }

    /** Registers a server, or renews its heartbeat. */
    public void putNode(ClusterNode node) {
        update(upsert("nodes", List.of("node_id"), "node_id", "address", "started", "heartbeat"), node.nodeId(),
                node.address().toString(), timestamp(node.started()), timestamp(node.heartbeat()));
    }

    public List<ClusterNode> nodes() {
        return query("SELECT node_id, address, started, heartbeat FROM nodes ORDER BY node_id",
                rs -> new ClusterNode(rs.getString(1), URI.create(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant()));
    }

    public void deleteNode(String nodeId) {
        update("DELETE FROM nodes WHERE node_id = ?", nodeId);
    }

    public Optional<SnapshotJobClaim> snapshotJobClaim(VersionKey version) {
        return query("SELECT node_id, claimed FROM snapshot_job_claims WHERE function_name = ? AND version = ?",
                rs -> new SnapshotJobClaim(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()),
                version.functionName(), version.version()).stream().findFirst();
    }

    public void claimSnapshotJob(VersionKey version, SnapshotJobClaim claim) {
        update(upsert("snapshot_job_claims", List.of("function_name", "version"), "function_name", "version",
                "node_id", "claimed"), version.functionName(), version.version(), claim.nodeId(),
                timestamp(claim.claimed()));
    }

    /** Removes the claim if {@code nodeId} holds it. */
    public void releaseSnapshotJob(VersionKey version, String nodeId) {
        update("DELETE FROM snapshot_job_claims WHERE function_name = ? AND version = ? AND node_id = ?",
                version.functionName(), version.version(), nodeId);
    }

    /** A function's (or a qualifier's) policy: its statements as JSON documents, and its revision. */
    public Optional<FunctionPolicy> policy(String functionName, String qualifier) {
        return query("SELECT statements, revision_id FROM function_policies WHERE function_name = ? AND qualifier = ?",
                rs -> new FunctionPolicy(fromJson(rs.getString(1), new TypeReference<List<String>>() { }),
                        rs.getString(2)), functionName, qualifier).stream().findFirst();
    }

    /** Stores the policy, or removes it when it has no statement left. */
    public void putPolicy(String functionName, String qualifier, FunctionPolicy policy) {
        if (policy.statements().isEmpty()) {
            update("DELETE FROM function_policies WHERE function_name = ? AND qualifier = ?", functionName, qualifier);
        } else {
            update(upsert("function_policies", List.of("function_name", "qualifier"), "function_name", "qualifier",
                    "statements", "revision_id"), functionName, qualifier, toJson(policy.statements()),
                    policy.revisionId());
        }
    }

    private static void deletePolicy(Connection connection, String functionName, String qualifier)
            throws SQLException {
        execute(connection, "DELETE FROM function_policies WHERE function_name = ? AND qualifier = ?", functionName,
                qualifier);
    }

    /** Keeps an Event invocation until its attempts end, held by {@code claimedBy}. */
    void queueEvent(QueuedEvent event, Instant due, String claimedBy) {
        update("INSERT INTO async_events (request_id, function_name, version, invoked_arn, payload, client_context, "
                        + "received, errors, throttles, error_retries, maximum_age_seconds, due, claimed_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event.input().requestId(),
                event.version().functionName(), event.version().version(), event.input().invokedFunctionArn(),
                event.input().payload(), event.input().clientContextJson(), timestamp(event.received()),
                event.errors(), event.throttles(), event.limits().errorRetries(),
                event.limits().maximumEventAge().toSeconds(), timestamp(due), claimedBy);
    }

    /** Records a failed attempt and when the next one is due. */
    void rescheduleEvent(QueuedEvent event, Instant due) {
        update("UPDATE async_events SET errors = ?, throttles = ?, due = ? WHERE request_id = ?", event.errors(),
                event.throttles(), timestamp(due), event.input().requestId());
    }

    /** An event whose attempts ended: delivered, or dropped. */
    void deleteEvent(String requestId) {
        update("DELETE FROM async_events WHERE request_id = ?", requestId);
    }

    int queuedEvents() {
        return query("SELECT COUNT(*) FROM async_events", rs -> rs.getInt(1)).getFirst();
    }

    /**
     * Makes {@code claimant} the holder of every event whose holder {@code takeable} accepts, and answers them with
     * when each is due; callers serialise claims (see {@link MutationLock}).
     */
    List<QueuedEvent.Due> claimEvents(Predicate<String> takeable, String claimant) {
        List<String> ids = query("SELECT request_id, claimed_by FROM async_events", rs -> takeable.test(rs.getString(2))
                ? rs.getString(1) : null).stream().filter(Objects::nonNull).toList();
        List<QueuedEvent.Due> claimed = new ArrayList<>();
        for (String id : ids) {
            update("UPDATE async_events SET claimed_by = ? WHERE request_id = ?", claimant, id);
            claimed.addAll(query("SELECT function_name, version, invoked_arn, payload, client_context, received, "
                    + "errors, throttles, error_retries, maximum_age_seconds, due FROM async_events "
                    + "WHERE request_id = ?", rs -> new QueuedEvent.Due(new QueuedEvent(
                            new VersionKey(rs.getString(1), rs.getString(2)),
                            new InvokeInput(id, rs.getString(3), rs.getBytes(4), rs.getString(5)),
                            new AsyncLimits(rs.getInt(9), Duration.ofSeconds(rs.getLong(10))),
                            rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getInt(7), rs.getInt(8)),
                    rs.getObject(11, OffsetDateTime.class).toInstant()), id));
        }
        return claimed;
    }

    /** The highest version number the layer ever had, 0 for a layer never published. */
    public long lastLayerVersion(String layerName) {
        return query("SELECT last_version FROM layers WHERE name = ?", rs -> rs.getLong(1), layerName).stream()
                .findFirst().orElse(0L);
    }

    /** Adds a layer version whose number is one above {@link #lastLayerVersion(String)}. */
    public void publishLayerVersion(LayerVersion layerVersion) {
        transaction(connection -> {
            execute(connection, upsert("layers", List.of("name"), "name", "last_version"),
                    layerVersion.layerName(), layerVersion.version());
            execute(connection, "INSERT INTO layer_versions (layer_name, version, config) VALUES (?, ?, ?)",
                    layerVersion.layerName(), layerVersion.version(), toJson(layerVersion));
        });
    }

    /** Replaces a layer version's stored document (its policy is all that changes). */
    public void putLayerVersion(LayerVersion layerVersion) {
        update("UPDATE layer_versions SET config = ? WHERE layer_name = ? AND version = ?", toJson(layerVersion),
                layerVersion.layerName(), layerVersion.version());
    }

    public Optional<LayerVersion> layerVersion(String layerName, long version) {
        return query("SELECT config FROM layer_versions WHERE layer_name = ? AND version = ?",
                rs -> fromJson(rs.getString(1), LayerVersion.class), layerName, version).stream().findFirst();
    }

    /** Every layer version, by layer name and then newest first. */
    public List<LayerVersion> layerVersions() {
        return query("SELECT config FROM layer_versions ORDER BY layer_name, version DESC",
                rs -> fromJson(rs.getString(1), LayerVersion.class));
    }

    public void deleteLayerVersion(String layerName, long version) {
        update("DELETE FROM layer_versions WHERE layer_name = ? AND version = ?", layerName, version);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private FunctionRecord functionRecord(ResultSet rs) throws SQLException {
        int reserved = rs.getInt(3);
        Integer reservedConcurrency = rs.wasNull() ? null : reserved;
        Map<String, String> tags = fromJson(rs.getString(4), new TypeReference<HashMap<String, String>>() { });
        return new FunctionRecord(rs.getString(1), rs.getInt(2), reservedConcurrency, tags);
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = database.connection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("metadata query failed: " + sql, e);
        }
    }

    private void update(String sql, Object... parameters) {
        transaction(connection -> execute(connection, sql, parameters));
    }

    private void transaction(SqlWork work) {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("metadata update failed", e);
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T fromJson(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt metadata document: " + text, e);
        }
    }

    private <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt metadata document: " + text, e);
        }
    }
}
