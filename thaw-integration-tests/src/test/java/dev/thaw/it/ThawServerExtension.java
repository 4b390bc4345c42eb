package dev.thaw.it;

import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.auth.AccessKeys;
import dev.thaw.cli.ApiAccess;
import dev.thaw.cli.ServerOptions;
import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.cli.ThawServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;

/**
 * One Thaw server per test class, on a free port and a fresh data directory, with an SDK client pointed at
 * it that signs with the server's own key, read from its credentials file. Register as a static field with
 * {@code @RegisterExtension}.
 */
public final class ThawServerExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String RUNTIME = "java17";
    public static final String ROLE = "arn:aws:iam::000000000000:role/lambda-ex";
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";

    /** In the build directory, so that whatever a killed run leaves behind goes with {@code mvn clean}. */
    private static final Path DEFAULT_DATA_ROOT = Path.of(System.getProperty("thaw.it.data-root", "target/thaw-data"));

    private final Path dataRoot;
    private final UnaryOperator<ServerOptions> customizer;
    private Path dataDir;
    private ThawServer server;
    private Optional<Path> caBundle;
    private LambdaClient client;

    public ThawServerExtension() {
        this(UnaryOperator.identity());
    }

    /** @param customizer adjusts the defaults (free port, fresh data directory) before the server starts */
    public ThawServerExtension(UnaryOperator<ServerOptions> customizer) {
        this(DEFAULT_DATA_ROOT, customizer);
    }

    /** @param dataRoot where the server's fresh data directory is created */
    public ThawServerExtension(Path dataRoot, UnaryOperator<ServerOptions> customizer) {
        this.dataRoot = dataRoot;
        this.customizer = customizer;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory(Files.createDirectories(dataRoot), "thaw-it-");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            stop();
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(ThawServerExtension::delete);
            }
        }
    }

    /** Stops the server and starts a new one on the same data directory, as an operator's restart would. */
    public void restart() throws IOException {
        stop();
        start();
    }

    public LambdaClient client() {
        return client;
    }

    /** The running server's data directory. */
    public Path dataDir() {
        return dataDir;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** The AWS shared-credentials file of the keys the server accepts. */
    public Path credentialsFile() {
        return server.credentialsFile();
    }

    /** The key of the server's default profile. */
    public AccessKey credentials() {
        return server.accessKeys().profile(AccessKeys.DEFAULT_PROFILE).orElseThrow();
    }

    /** Plain HTTP requests to the server, signed with its default key. */
    public SignedHttpClient http() {
        return new SignedHttpClient(credentials());
    }

    /** The AWS CLI pointed at the server, using its credentials file (and, over https, its certificate). */
    AwsCli awsCli(Path workDir) {
        AwsCli cli = new AwsCli(endpoint(), workDir, credentialsFile());
        return caBundle.map(cli::withCaBundle).orElse(cli);
    }

    public ThawServer server() {
        return server;
    }

    public static String functionArn(String name) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    /** Creates a function from the example jar and waits until it is Active. */
    public CreateFunctionResponse createFunction(String name, String handler) {
        return createFunction(name, handler, builder -> { });
    }

    /**
     * Creates a function (example jar, {@link #RUNTIME}, 256 MB, 15 s unless {@code customizer} says otherwise)
     * and waits until it is Active.
     */
    public CreateFunctionResponse createFunction(String name, String handler,
                                          Consumer<CreateFunctionRequest.Builder> customizer) {
        CreateFunctionRequest.Builder request = CreateFunctionRequest.builder()
                .functionName(name)
                .runtime(RUNTIME)
                .role(ROLE)
                .handler(handler)
                .memorySize(256)
                .timeout(15)
                .code(c -> c.zipFile(ExamplePackages.jar()));
        customizer.accept(request);
        CreateFunctionResponse created = client.createFunction(request.build());
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
        return created;
    }

    private void start() throws IOException {
        ServerOptions options = customizer.apply(ServerOptions.defaults(dataDir).withPort(0).withUrlPort(0));
        server = ThawServer.start(options);
        caBundle = options.access().tls().map(ApiAccess.TlsFiles::certificateChain);
        client = LambdaClients.forEndpoint(server.endpoint(), server.credentialsFile(), AccessKeys.DEFAULT_PROFILE,
                caBundle);
    }

    private void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
