package dev.thaw.scan;

import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classes of one deployment package: the function's own (with code: they are analysed and reported on) and
 * its libraries' (headers only: they serve the type hierarchy, so that a handler extending a library base class is
 * still recognised).
 */
final class CodeBase {

    private final Map<String, ClassNode> own = new LinkedHashMap<>();
    private final Map<String, TypeHeader> library = new HashMap<>();
    private final Map<MethodRef, MethodNode> methods = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    void addOwn(ClassNode node) {
        if (own.putIfAbsent(node.name, node) == null) {
            for (MethodNode method : node.methods) {
                methods.put(new MethodRef(node.name, method.name, method.desc), method);
            }
        }
    }

    void addLibrary(TypeHeader header) {
        if (!own.containsKey(header.name())) {
            library.putIfAbsent(header.name(), header);
        }
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    List<String> warnings() {
        return warnings;
    }

    boolean isOwn(String internalName) {
        return own.containsKey(internalName);
    }

    Optional<ClassNode> ownClass(String internalName) {
        return Optional.ofNullable(own.get(internalName));
    }

    Collection<ClassNode> ownClasses() {
        return own.values();
    }

    Optional<TypeHeader> libraryHeader(String internalName) {
        return Optional.ofNullable(library.get(internalName));
    }

    /** The own method's code, or null for methods of other code, abstract and native methods. */
    MethodNode method(MethodRef ref) {
        MethodNode node = methods.get(ref);
        return node == null || node.instructions.size() == 0 ? null : node;
    }

    boolean declares(MethodRef ref) {
        return methods.containsKey(ref);
    }
}
