package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

import java.util.List;
import java.util.Optional;

/**
 * Finds the handler: the class named by {@code --handler Class::method} (or just {@code Class}), else every
 * concrete own class implementing {@code RequestHandler} or {@code RequestStreamHandler}, directly or through
 * supertypes in the package, its libraries or the handler API.
 */
final class HandlerLocator {

    static final List<String> HANDLER_TYPES = List.of(
            "com/amazonaws/services/lambda/runtime/RequestHandler",
            "com/amazonaws/services/lambda/runtime/RequestStreamHandler");

    private HandlerLocator() {
    }

    static HandlerSelection locate(CodeBase code, TypeHierarchy types, Optional<String> handler) {
        if (handler.isPresent() && !handler.get().isBlank()) {
            String className = handler.get().strip();
            int separator = className.indexOf("::");
            if (separator >= 0) {
                className = className.substring(0, separator);
            }
            String internal = className.replace('.', '/');
            if (code.isOwn(internal)) {
                return new HandlerSelection(List.of(internal), false);
            }
            if (code.libraryHeader(internal).isPresent()) {
                return new HandlerSelection(List.of(internal), true);
            }
            throw new ScanException("handler class " + className + " not found in the package");
        }
        List<String> found = code.ownClasses().stream()
                .filter(HandlerLocator::isConcrete)
                .map(node -> node.name)
                .filter(name -> HANDLER_TYPES.stream().anyMatch(type -> types.isSubtype(name, type)))
                .sorted()
                .toList();
        if (found.isEmpty()) {
            throw new ScanException("no handler found: no class implements RequestHandler or RequestStreamHandler;"
                    + " name it with --handler Class::method");
        }
        return new HandlerSelection(found, false);
    }

    static boolean isConcrete(ClassNode node) {
        return (node.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0;
    }
}
