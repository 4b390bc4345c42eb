package dev.thaw.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A function the benchmark deploys: its name, what it stands for, its deployment package and handler, its memory
 * size and the event it is invoked with.
 */
record BenchFunction(String name, String description, Path deploymentPackage, String handler, int memoryMb,
                     String event) {

    /**
     * The memory of every function but the catalog service: the greeting Spring application needs this much, and
     * equal sizes keep their runs comparable.
     */
    static final int DEFAULT_MEMORY_MB = 512;
    /** What the greeting handlers read; the others ignore their event. */
    static final String DEFAULT_EVENT = "{\"name\":\"Bob\"}";

    /** An API Gateway proxy event asking the catalog service for a few products of one category. */
    private static final String CATALOG_EVENT = """
            {"resource":"/products","path":"/products","httpMethod":"GET",\
            "headers":{"Accept":"application/json","Host":"api.example.com"},\
            "queryStringParameters":{"category":"kitchen","limit":"5"},"pathParameters":null,\
            "requestContext":{"resourcePath":"/products","httpMethod":"GET","stage":"prod"},\
            "body":null,"isBase64Encoded":false}""";

    static final BenchFunction HELLO = new BenchFunction("hello", "tiny handler",
            Path.of("thaw-examples/target/thaw-examples-function.jar"), "example.Hello::handleRequest");

    static final BenchFunction SPRING_BOOT = new BenchFunction("spring-boot", "Spring Boot application",
            Path.of("thaw-examples-spring/target/thaw-examples-spring-function.zip"),
            "example.spring.SpringHandler::handleRequest");

    /** The same application priming its request path in a beforeCheckpoint hook, as AWS advises for SnapStart. */
    static final BenchFunction SPRING_BOOT_PRIMED = new BenchFunction("spring-boot-primed",
            "the same Spring Boot application, primed before the checkpoint", SPRING_BOOT.deploymentPackage(),
            "example.spring.PrimedSpringHandler::handleRequest");

    /** A large snapshot, to show whether restore time grows with the snapshot's size; its catalog needs the memory. */
    static final BenchFunction SPRING_BOOT_HEAVY = new BenchFunction("spring-boot-heavy",
            "Spring Boot catalog service, ≥150 MB heap, primed", SPRING_BOOT.deploymentPackage(),
            "example.catalog.PrimedCatalogHandler::handleRequest", 1024, CATALOG_EVENT);

    /** A function with the default memory size and event. */
    BenchFunction(String name, String description, Path deploymentPackage, String handler) {
        this(name, description, deploymentPackage, handler, DEFAULT_MEMORY_MB, DEFAULT_EVENT);
    }

    /** The compared functions, from the repository root's build output. */
    static List<BenchFunction> all() {
        return List.of(HELLO,
                new BenchFunction("slow-init", "init sleeps 1.5 s", HELLO.deploymentPackage(),
                        "example.SlowInit::handleRequest"),
                SPRING_BOOT,
                SPRING_BOOT_PRIMED,
                new BenchFunction("aws-sdk", "S3, DynamoDB and SQS clients built at init",
                        Path.of("thaw-examples-awssdk/target/thaw-examples-awssdk-function.zip"),
                        "example.awssdk.SdkClientsHandler::handleRequest"),
                SPRING_BOOT_HEAVY);
    }

    SdkBytes payload() {
        return SdkBytes.fromUtf8String(event);
    }

    /** Fails early, before any server starts, when the repository was not built or the run is not at its root. */
    static void requirePackages(List<BenchFunction> functions) {
        for (BenchFunction function : functions) {
            if (!Files.isRegularFile(function.deploymentPackage())) {
                throw new IllegalStateException("missing " + function.deploymentPackage().toAbsolutePath()
                        + ": run from the repository root after `mvn -B install -DskipTests`");
            }
        }
    }
}
