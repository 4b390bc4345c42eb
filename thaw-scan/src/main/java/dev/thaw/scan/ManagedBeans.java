package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Classes a dependency-injection container creates reflectively. When init starts a container (Spring's
 * {@code SpringApplication.run}, an application context, Micronaut, Guice), the function's classes that carry the
 * container's annotations are instantiated during init although no call reaches their constructors: their static
 * initialisers, constructors and lifecycle methods ({@code @PostConstruct}, {@code @Bean} factories, injected
 * methods, {@code afterPropertiesSet}) become init roots.
 */
final class ManagedBeans {

    private static final List<String> CONTAINER_PREFIXES = List.of("org/springframework/boot/",
            "org/springframework/context/", "io/micronaut/context/", "io/micronaut/runtime/",
            "com/google/inject/Guice", "org/jboss/weld/environment/se/");
    private static final List<String> ANNOTATION_PREFIXES = List.of("Lorg/springframework/", "Ljakarta/inject/",
            "Ljavax/inject/", "Lio/micronaut/", "Ljakarta/enterprise/", "Lcom/google/inject/");
    private static final Set<String> LIFECYCLE_ANNOTATIONS = Set.of("PostConstruct;", "Bean;", "Autowired;",
            "Inject;");
    private static final Set<String> LIFECYCLE_METHODS = Set.of("afterPropertiesSet", "afterSingletonsInstantiated");

    private ManagedBeans() {
    }

    static boolean startsContainer(MethodInsnNode call) {
        return CONTAINER_PREFIXES.stream().anyMatch(call.owner::startsWith);
    }

    /** The init roots of the container-managed own classes. */
    static List<MethodRef> roots(CodeBase code) {
        List<MethodRef> roots = new ArrayList<>();
        for (ClassNode node : code.ownClasses()) {
            if (!hasContainerAnnotation(node.visibleAnnotations)
                    && !hasContainerAnnotation(node.invisibleAnnotations)) {
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

    private static boolean isLifecycle(MethodNode method) {
        if ((method.access & Opcodes.ACC_ABSTRACT) != 0) {
            return false;
        }
        if (LIFECYCLE_METHODS.contains(method.name) && method.desc.equals("()V")) {
            return true;
        }
        return Stream.concat(stream(method.visibleAnnotations), stream(method.invisibleAnnotations))
                .anyMatch(a -> LIFECYCLE_ANNOTATIONS.stream().anyMatch(a.desc::endsWith));
    }

    private static boolean hasContainerAnnotation(List<AnnotationNode> annotations) {
        return stream(annotations).anyMatch(a -> ANNOTATION_PREFIXES.stream().anyMatch(a.desc::startsWith));
    }

    private static Stream<AnnotationNode> stream(List<AnnotationNode> annotations) {
        return annotations == null ? Stream.empty() : annotations.stream();
    }
}
