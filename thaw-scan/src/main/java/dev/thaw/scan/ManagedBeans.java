package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Classes a dependency-injection container creates reflectively. When init starts a container (Spring's
 * {@code SpringApplication.run}, an application context, Micronaut, Guice, or a framework's Lambda adapter:
 * aws-serverless-java-container's {@code SpringBootLambdaContainerHandler.getAwsProxyHandler}, a Micronaut
 * {@code MicronautRequestHandler} subclass, Quarkus' and Spring Cloud Function's handlers), the function's classes
 * that carry the container's annotations are instantiated during init although no call reaches their constructors:
 * their static initialisers, constructors and lifecycle methods ({@code @PostConstruct}, {@code @Bean} factories,
 * injected methods, {@code afterPropertiesSet}) become init roots.
 */
final class ManagedBeans {

    private static final List<String> CONTAINER_PREFIXES = List.of("org/springframework/boot/",
            "org/springframework/context/", "org/springframework/cloud/function/", "io/micronaut/context/",
            "io/micronaut/runtime/", "io/micronaut/function/", "com/amazonaws/serverless/proxy/",
            "io/quarkus/runtime/", "io/quarkus/amazon/lambda/", "com/google/inject/Guice",
            "org/jboss/weld/environment/se/");
    private static final List<String> ADAPTER_PREFIXES = List.of("io/micronaut/function/aws/",
            "org/springframework/cloud/function/adapter/aws/", "com/amazonaws/serverless/proxy/",
            "io/quarkus/amazon/lambda/");
    private static final List<String> ANNOTATION_PREFIXES = List.of("Lorg/springframework/", "Ljakarta/inject/",
            "Ljavax/inject/", "Lio/micronaut/", "Ljakarta/enterprise/", "Ljavax/enterprise/", "Lcom/google/inject/");
    private static final Set<String> LIFECYCLE_ANNOTATIONS = Set.of("PostConstruct;", "Bean;", "Autowired;",
            "Inject;", "EventListener;");
    private static final Set<String> INJECTION_ANNOTATIONS = Set.of("Autowired;", "Inject;", "Value;", "Resource;");
    private static final Set<String> LIFECYCLE_METHODS = Set.of("afterPropertiesSet", "afterSingletonsInstantiated");
    /** A configuration means some container runs it: in a Lambda, the framework's adapter during init. */
    private static final Set<String> CONFIGURATIONS = Set.of(
            "Lorg/springframework/boot/autoconfigure/SpringBootApplication;",
            "Lorg/springframework/boot/SpringBootConfiguration;",
            "Lorg/springframework/boot/autoconfigure/EnableAutoConfiguration;",
            "Lorg/springframework/context/annotation/Configuration;",
            "Lio/micronaut/context/annotation/Factory;");

    private ManagedBeans() {
    }

    static boolean startsContainer(MethodInsnNode call) {
        return CONTAINER_PREFIXES.stream().anyMatch(call.owner::startsWith);
    }

    /** A framework's Lambda adapter class, whose subclasses are handlers that start its container. */
    static boolean isAdapter(String type) {
        return ADAPTER_PREFIXES.stream().anyMatch(type::startsWith);
    }

    /** The class carries a container annotation, or has members the container injects. */
    static boolean isManaged(ClassNode node) {
        return hasContainerAnnotation(annotations(node.visibleAnnotations, node.invisibleAnnotations))
                || node.fields.stream().anyMatch(ManagedBeans::isInjected)
                || node.methods.stream().anyMatch(m -> annotations(m.visibleAnnotations, m.invisibleAnnotations)
                        .anyMatch(a -> INJECTION_ANNOTATIONS.stream().anyMatch(a.desc::endsWith)));
    }

    static boolean isInjected(FieldNode field) {
        return annotations(field.visibleAnnotations, field.invisibleAnnotations)
                .anyMatch(a -> INJECTION_ANNOTATIONS.stream().anyMatch(a.desc::endsWith));
    }

    /** The own classes that configure a container. */
    static List<String> configurations(CodeBase code) {
        return code.ownClasses().stream()
                .filter(node -> annotations(node.visibleAnnotations, node.invisibleAnnotations)
                        .anyMatch(a -> CONFIGURATIONS.contains(a.desc)))
                .map(node -> node.name)
                .sorted()
                .toList();
    }

    /** The init roots of the container-managed own classes. */
    static List<MethodRef> roots(CodeBase code) {
        List<MethodRef> roots = new ArrayList<>();
        for (ClassNode node : code.ownClasses()) {
            if (!isManaged(node)) {
                continue;
            }
            for (MethodNode method : node.methods) {
                if (method.name.startsWith("<") || isLifecycle(method)) {
                    roots.add(new MethodRef(node.name, method.name, method.desc));
                }
            }
        }
        return roots;
    }

    /** A {@code @Bean} factory method: the container keeps what it returns. */
    static boolean isBeanFactory(MethodNode method) {
        return annotations(method.visibleAnnotations, method.invisibleAnnotations)
                .anyMatch(a -> a.desc.startsWith("Lorg/springframework/") && a.desc.endsWith("/Bean;")
                        || a.desc.equals("Lio/micronaut/context/annotation/Bean;"));
    }

    private static boolean isLifecycle(MethodNode method) {
        if ((method.access & Opcodes.ACC_ABSTRACT) != 0) {
            return false;
        }
        if (LIFECYCLE_METHODS.contains(method.name) && method.desc.equals("()V")) {
            return true;
        }
        return annotations(method.visibleAnnotations, method.invisibleAnnotations)
                .anyMatch(a -> LIFECYCLE_ANNOTATIONS.stream().anyMatch(a.desc::endsWith));
    }

    private static boolean hasContainerAnnotation(Stream<AnnotationNode> annotations) {
        return annotations.anyMatch(a -> ANNOTATION_PREFIXES.stream().anyMatch(a.desc::startsWith));
    }

    private static Stream<AnnotationNode> annotations(List<AnnotationNode> visible, List<AnnotationNode> invisible) {
        return Stream.concat(visible == null ? Stream.empty() : visible.stream(),
                invisible == null ? Stream.empty() : invisible.stream());
    }
}
