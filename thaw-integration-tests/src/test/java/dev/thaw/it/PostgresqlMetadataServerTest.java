package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thaw.controlplane.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** A server whose metadata lives in a real PostgreSQL server (--database-url), driven with the SDK and the CLI. */
class PostgresqlMetadataServerTest {

    /** Ordered before the server, so it starts first and stops last. */
    @RegisterExtension
    @Order(1)
    static final Postgres POSTGRES = new Postgres();

    @RegisterExtension
    @Order(2)
    static final ThawServerExtension THAW = new ThawServerExtension(
            options -> options.withDatabaseUrl(Optional.of(POSTGRES.url)));

    @TempDir
    Path workDir;

    static final class Postgres implements BeforeAllCallback, AfterAllCallback {
        private PostgresServer server;
        private String url;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            server = PostgresServer.start();
            url = server.newDatabase("thaw");
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void functionsVersionsAliasesAndLayersLiveInTheDatabaseAcrossRestarts() throws Exception {
        LambdaClient before = THAW.client();
        SdkBytes notes = zipOf("notes.txt");
        String layer = before.publishLayerVersion(r -> r.layerName("pg-layer").content(c -> c.zipFile(notes)))
                .layerVersionArn();
        THAW.createFunction("pg-persisted", "example.ContextEcho", b -> b.layers(layer));
        before.publishVersion(r -> r.functionName("pg-persisted"));
        before.waiter().waitUntilPublishedVersionActive(r -> r.functionName("pg-persisted").qualifier("1"));
        before.createAlias(r -> r.functionName("pg-persisted").name("prod").functionVersion("1"));
        before.putFunctionConcurrency(r -> r.functionName("pg-persisted").reservedConcurrentExecutions(4));
        GetFunctionResponse original = before.getFunction(r -> r.functionName("pg-persisted"));

        THAW.restart();
        LambdaClient after = THAW.client();

        GetFunctionResponse restored = after.getFunction(r -> r.functionName("pg-persisted"));
        assertEquals(original.configuration(), restored.configuration());
        assertEquals(4, restored.concurrency().reservedConcurrentExecutions());
        assertEquals(List.of("$LATEST", "1"), after.listVersionsByFunction(r -> r.functionName("pg-persisted"))
                .versions().stream().map(FunctionConfiguration::version).toList());
        InvokeResponse viaAlias = invoke(after, "pg-persisted", "prod", "{}");
        assertNull(viaAlias.functionError(), () -> Invocations.text(viaAlias));
        assertEquals("1", viaAlias.executedVersion());

        assumeTrue(AwsCli.installed(), "the AWS CLI is not installed");
        AwsCli cli = THAW.awsCli(workDir);
        assertTrue(cli.succeed("list-functions").stdout().contains("pg-persisted"));
        assertTrue(cli.succeed("list-layers").stdout().contains("pg-layer"));
        cli.succeed("delete-function", "--function-name", "pg-persisted");
        cli.failWith("ResourceNotFoundException", "get-function", "--function-name", "pg-persisted");
    }

    private static SdkBytes zipOf(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(name.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }
}
