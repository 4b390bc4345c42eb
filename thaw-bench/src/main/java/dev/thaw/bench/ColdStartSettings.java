package dev.thaw.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What to measure, from system properties (defaults in brackets): {@code thaw.bench.package}
 * [thaw-examples/target/thaw-examples-function.jar], {@code thaw.bench.spring-package}
 * [thaw-examples-spring/target/thaw-examples-spring-function.zip], {@code thaw.bench.runtime} [java17],
 * {@code thaw.bench.coldstarts} [20 of each kind per function].
 */
record ColdStartSettings(Path examplesPackage, Path springPackage, String runtime, int coldStarts) {

    static ColdStartSettings fromSystemProperties() {
        return new ColdStartSettings(
                Path.of(System.getProperty("thaw.bench.package", "thaw-examples/target/thaw-examples-function.jar")),
                Path.of(System.getProperty("thaw.bench.spring-package",
                        "thaw-examples-spring/target/thaw-examples-spring-function.zip")),
                System.getProperty("thaw.bench.runtime", "java17"),
                Integer.getInteger("thaw.bench.coldstarts", 20));
    }

    /** The functions compared: a tiny one, one whose init sleeps 1.5 s, and a Spring Boot application. */
    List<BenchFunction> functions() {
        return List.of(
                new BenchFunction("hello", examplesPackage, "example.Hello::handleRequest", 512),
                new BenchFunction("slow-init", examplesPackage, "example.SlowInit::handleRequest", 512),
                new BenchFunction("spring-boot", springPackage, "example.spring.SpringHandler::handleRequest", 1024));
    }
}
