package dev.thaw.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A function the benchmark deploys: its name, what it stands for, its deployment package and handler. */
record BenchFunction(String name, String description, Path deploymentPackage, String handler) {

    /** Every function gets this much memory: the Spring application needs it, and equal sizes keep runs comparable. */
    static final int MEMORY_MB = 512;

    static final BenchFunction HELLO = new BenchFunction("hello", "tiny handler",
            Path.of("thaw-examples/target/thaw-examples-function.jar"), "example.Hello::handleRequest");

    static final BenchFunction SPRING_BOOT = new BenchFunction("spring-boot", "Spring Boot application",
            Path.of("thaw-examples-spring/target/thaw-examples-spring-function.zip"),
            "example.spring.SpringHandler::handleRequest");

    /** The same application priming its request path in a beforeCheckpoint hook, as AWS advises for SnapStart. */
    static final BenchFunction SPRING_BOOT_PRIMED = new BenchFunction("spring-boot-primed",
            "the same Spring Boot application, primed before the checkpoint", SPRING_BOOT.deploymentPackage(),
            "example.spring.PrimedSpringHandler::handleRequest");

    /** The compared functions, from the repository root's build output. */
    static List<BenchFunction> all() {
        return List.of(HELLO,
                new BenchFunction("slow-init", "init sleeps 1.5 s", HELLO.deploymentPackage(),
                        "example.SlowInit::handleRequest"),
                SPRING_BOOT,
                SPRING_BOOT_PRIMED,
                new BenchFunction("aws-sdk", "S3, DynamoDB and SQS clients built at init",
                        Path.of("thaw-examples-awssdk/target/thaw-examples-awssdk-function.zip"),
                        "example.awssdk.SdkClientsHandler::handleRequest"));
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
