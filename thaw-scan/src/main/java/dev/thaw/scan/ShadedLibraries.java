package dev.thaw.scan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Library classes a fat jar holds among the function's own. A package's namespace alone says nothing (a function may
 * well live in {@code software.amazon.example}), so only two precise signs count: the package root of a well-known
 * library whose Maven metadata ({@code META-INF/maven/<group>/<artifact>/}) the shade plugin copied into the jar,
 * and a relocated copy of such a root under a relocation segment ({@code com/acme/shaded/org/slf4j/...}).
 */
final class ShadedLibraries {

    /** Artifacts ({@code group:artifact}, or {@code group:*} for a whole group) and the package roots they ship. */
    private static final Map<String, List<String>> ROOTS = Map.ofEntries(
            Map.entry("com.amazonaws:aws-lambda-java-core", List.of("com/amazonaws/services/lambda/runtime/")),
            Map.entry("com.amazonaws:aws-lambda-java-events", List.of("com/amazonaws/services/lambda/runtime/events/")),
            Map.entry("com.amazonaws:aws-lambda-java-serialization",
                    List.of("com/amazonaws/services/lambda/runtime/serialization/", "com/amazonaws/lambda/thirdparty/")),
            Map.entry("com.amazonaws:aws-lambda-java-runtime-interface-client",
                    List.of("com/amazonaws/services/lambda/runtime/api/client/")),
            Map.entry("com.amazonaws.serverless:*", List.of("com/amazonaws/serverless/proxy/")),
            Map.entry("software.amazon.awssdk:*", List.of("software/amazon/awssdk/", "software/amazon/eventstream/")),
            Map.entry("org.crac:crac", List.of("org/crac/")),
            Map.entry("io.github.crac:org-crac", List.of("org/crac/")),
            Map.entry("com.fasterxml.jackson.core:*", List.of("com/fasterxml/jackson/core/",
                    "com/fasterxml/jackson/databind/", "com/fasterxml/jackson/annotation/")),
            Map.entry("com.fasterxml.jackson.datatype:*", List.of("com/fasterxml/jackson/datatype/")),
            Map.entry("org.slf4j:*", List.of("org/slf4j/")),
            Map.entry("ch.qos.logback:*", List.of("ch/qos/logback/")),
            Map.entry("org.apache.logging.log4j:*", List.of("org/apache/logging/log4j/")),
            Map.entry("commons-logging:commons-logging", List.of("org/apache/commons/logging/")),
            Map.entry("org.apache.httpcomponents:*", List.of("org/apache/http/")),
            Map.entry("io.netty:*", List.of("io/netty/")),
            Map.entry("org.reactivestreams:reactive-streams", List.of("org/reactivestreams/")),
            Map.entry("joda-time:joda-time", List.of("org/joda/time/")),
            Map.entry("com.google.guava:guava", List.of("com/google/common/", "com/google/thirdparty/")),
            Map.entry("com.google.code.gson:gson", List.of("com/google/gson/")),
            Map.entry("org.jetbrains.kotlin:*", List.of("kotlin/")),
            Map.entry("org.springframework:*", List.of("org/springframework/core/", "org/springframework/beans/",
                    "org/springframework/context/", "org/springframework/aop/", "org/springframework/expression/",
                    "org/springframework/util/", "org/springframework/web/", "org/springframework/http/")),
            Map.entry("org.springframework.boot:*", List.of("org/springframework/boot/")),
            Map.entry("org.springframework.cloud:*", List.of("org/springframework/cloud/")),
            Map.entry("io.micronaut:*", List.of("io/micronaut/")),
            Map.entry("io.micronaut.aws:*", List.of("io/micronaut/function/aws/")),
            Map.entry("io.quarkus:*", List.of("io/quarkus/")));

    private static final Set<String> RELOCATION_SEGMENTS = Set.of("shaded", "shadow", "repackaged", "relocated");

    private final List<String> presentRoots;

    private ShadedLibraries(List<String> presentRoots) {
        this.presentRoots = presentRoots;
    }

    /** {@code artifacts}: the {@code group:artifact} of each {@code META-INF/maven/<group>/<artifact>/} entry. */
    static ShadedLibraries of(Set<String> artifacts) {
        List<String> roots = ROOTS.entrySet().stream()
                .filter(entry -> artifacts.stream().anyMatch(artifact -> matches(entry.getKey(), artifact)))
                .flatMap(entry -> entry.getValue().stream())
                .toList();
        return new ShadedLibraries(roots);
    }

    /** The {@code group:artifact} a {@code META-INF/maven/<group>/<artifact>/pom.properties} entry names, or null. */
    static String artifactOf(String entry) {
        String[] parts = entry.split("/");
        return parts.length == 5 && parts[0].equals("META-INF") && parts[1].equals("maven")
                && parts[4].equals("pom.properties") ? parts[2] + ":" + parts[3] : null;
    }

    boolean covers(String internalName) {
        return presentRoots.stream().anyMatch(internalName::startsWith) || isRelocated(internalName);
    }

    private static boolean isRelocated(String internalName) {
        String[] segments = internalName.split("/");
        for (int i = 1; i < segments.length - 1; i++) {
            if (RELOCATION_SEGMENTS.contains(segments[i])) {
                String rest = String.join("/", List.of(segments).subList(i + 1, segments.length));
                if (ROOTS.values().stream().flatMap(List::stream).anyMatch(rest::startsWith)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String key, String artifact) {
        return key.endsWith(":*") ? artifact.startsWith(key.substring(0, key.length() - 1)) : key.equals(artifact);
    }
}
