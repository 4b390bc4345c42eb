package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the handlers: the classes named by {@code --handler Class::method} (or just {@code Class}, any number of
 * them), else every concrete own class that Lambda or a framework adapter may use as one ({@link HandlerKind}).
 */
final class HandlerLocator {

    static final List<String> HANDLER_TYPES = List.of(
            "com/amazonaws/services/lambda/runtime/RequestHandler",
            "com/amazonaws/services/lambda/runtime/RequestStreamHandler");
    private static final String FUNCTION = "java/util/function/Function";
    private static final String CONTEXT = "com/amazonaws/services/lambda/runtime/Context";

    /** Why a class is taken for a handler. */
    enum HandlerKind {
        /** Implements RequestHandler or RequestStreamHandler, directly or through supertypes. */
        LAMBDA_INTERFACE,
        /** Extends a framework's Lambda adapter ({@code MicronautRequestHandler}), known even without its jar. */
        ADAPTER_SUBCLASS,
        /** A {@code java.util.function.Function}: what Spring Cloud Function's adapter invokes. */
        FUNCTION,
        /** Declares a method taking the Lambda {@code Context} last: a handler by signature, named in the config. */
        CONTEXT_METHOD,
        /** Called {@code ...Handler} and declares {@code handleRequest}: a handler by convention. */
        NAMED_HANDLER
    }

    private HandlerLocator() {
    }

    static HandlerSelection locate(CodeBase code, TypeHierarchy types, List<String> named) {
        List<String> configurations = ManagedBeans.configurations(code);
        if (named.isEmpty()) {
            List<ClassNode> found = discover(code, types);
            if (found.isEmpty() && configurations.isEmpty()) {
                throw new ScanException("no handler found: no class implements RequestHandler,"
                        + " RequestStreamHandler or Function, and no container configuration;"
                        + " name it with --handler Class::method");
            }
            boolean lambdaHandler = found.stream().anyMatch(n -> kind(n, types) == HandlerKind.LAMBDA_INTERFACE);
            boolean started = !configurations.isEmpty() && !lambdaHandler
                    || found.stream().anyMatch(ManagedBeans::isManaged);
            List<String> classes = found.isEmpty() ? configurations : found.stream().map(n -> n.name).toList();
            return new HandlerSelection(classes, List.of(), started);
        }
        Set<String> own = new LinkedHashSet<>();
        List<String> library = new ArrayList<>();
        for (String handler : named) {
            String internal = className(handler).replace('.', '/');
            if (code.isOwn(internal)) {
                own.add(internal);
            } else if (code.libraryHeader(internal).isPresent()) {
                library.add(internal);
            } else {
                throw new ScanException("handler class " + className(handler) + " not found in the package");
            }
        }
        if (!library.isEmpty()) {
            // A library handler is a framework adapter: it builds the function's own handlers and beans.
            discover(code, types).forEach(node -> own.add(node.name));
        }
        boolean started = !library.isEmpty()
                || own.stream().anyMatch(name -> code.ownClass(name).filter(ManagedBeans::isManaged).isPresent());
        return new HandlerSelection(List.copyOf(own), library, started);
    }

    static boolean isConcrete(ClassNode node) {
        return (node.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0;
    }

    private static String className(String handler) {
        String name = handler.strip();
        int separator = name.indexOf("::");
        return separator >= 0 ? name.substring(0, separator) : name;
    }

    private static List<ClassNode> discover(CodeBase code, TypeHierarchy types) {
        return code.ownClasses().stream()
                .filter(HandlerLocator::isConcrete)
                // An anonymous or local class is made by the code around it, never by a runtime or framework.
                .filter(node -> node.outerClass == null)
                .filter(node -> kind(node, types) != null)
                .sorted((a, b) -> a.name.compareTo(b.name))
                .toList();
    }

    /** The strongest reason the class is a handler, or null when it is none. */
    private static HandlerKind kind(ClassNode node, TypeHierarchy types) {
        if (HANDLER_TYPES.stream().anyMatch(type -> types.isSubtype(node.name, type))) {
            return HandlerKind.LAMBDA_INTERFACE;
        }
        if (types.supertypes(node.name).stream().anyMatch(ManagedBeans::isAdapter)) {
            return HandlerKind.ADAPTER_SUBCLASS;
        }
        if (types.isSubtype(node.name, FUNCTION)) {
            return HandlerKind.FUNCTION;
        }
        if (node.methods.stream().anyMatch(HandlerLocator::takesContextLast)) {
            return HandlerKind.CONTEXT_METHOD;
        }
        String simpleName = node.name.substring(node.name.lastIndexOf('/') + 1);
        if (simpleName.contains("Handler") && node.methods.stream().anyMatch(m -> m.name.equals("handleRequest"))) {
            return HandlerKind.NAMED_HANDLER;
        }
        return null;
    }

    private static boolean takesContextLast(MethodNode method) {
        Type[] args = Type.getArgumentTypes(method.desc);
        return (method.access & Opcodes.ACC_STATIC) == 0 && args.length >= 2
                && args[args.length - 1].getSort() == Type.OBJECT
                && args[args.length - 1].getInternalName().equals(CONTEXT);
    }
}
