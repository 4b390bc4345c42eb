package dev.thaw.scan;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Supertypes and subtypes across the function's classes, its libraries and the JDK. JDK classes are read from the
 * scanning JVM's own runtime image (as class files, never loaded), so {@code extends SecureRandom} or a library
 * class implementing {@code RequestHandler} resolve like the function's own types.
 */
final class TypeHierarchy {

    private final CodeBase code;
    private final Map<String, Optional<TypeHeader>> jdkHeaders = new HashMap<>();
    private final Map<String, Set<String>> supertypes = new HashMap<>();
    private Map<String, List<String>> ownSubtypes;

    TypeHierarchy(CodeBase code) {
        this.code = code;
    }

    Optional<TypeHeader> header(String name) {
        Optional<ClassNode> own = code.ownClass(name);
        if (own.isPresent()) {
            ClassNode node = own.get();
            return Optional.of(new TypeHeader(node.name, node.superName, node.interfaces, node.access));
        }
        Optional<TypeHeader> library = code.libraryHeader(name);
        return library.isPresent() ? library : jdkHeader(name);
    }

    /** All supertypes of the type, transitively, itself excluded; unknown types simply end the walk. */
    Set<String> supertypes(String name) {
        Set<String> cached = supertypes.get(name);
        if (cached != null) {
            return cached;
        }
        Set<String> found = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(name));
        while (!queue.isEmpty()) {
            header(queue.poll()).ifPresent(header -> {
                if (header.superName() != null && found.add(header.superName())) {
                    queue.add(header.superName());
                }
                for (String itf : header.interfaces()) {
                    if (found.add(itf)) {
                        queue.add(itf);
                    }
                }
            });
        }
        supertypes.put(name, found);
        return found;
    }

    boolean isSubtype(String name, String ancestor) {
        return name.equals(ancestor) || supertypes(name).contains(ancestor);
    }

    /** The function's own classes that are the type or extend or implement it. */
    List<String> ownSubtypes(String type) {
        if (ownSubtypes == null) {
            ownSubtypes = new HashMap<>();
            for (ClassNode node : code.ownClasses()) {
                ownSubtypes.computeIfAbsent(node.name, k -> new ArrayList<>()).add(node.name);
                for (String supertype : supertypes(node.name)) {
                    ownSubtypes.computeIfAbsent(supertype, k -> new ArrayList<>()).add(node.name);
                }
            }
        }
        return ownSubtypes.getOrDefault(type, List.of());
    }

    /** The field under the class that declares it, so {@code this.id} in a subclass names {@code Base.id}. */
    FieldRef field(String owner, String name) {
        for (String type = owner; type != null; ) {
            Optional<ClassNode> node = code.ownClass(type);
            if (node.isEmpty()) {
                break;
            }
            if (node.get().fields.stream().anyMatch(f -> f.name.equals(name))) {
                return new FieldRef(type, name);
            }
            type = node.get().superName;
        }
        return new FieldRef(owner, name);
    }

    private Optional<TypeHeader> jdkHeader(String name) {
        if (!(name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/")
                || name.startsWith("sun/"))) {
            return Optional.empty();
        }
        return jdkHeaders.computeIfAbsent(name, n -> {
            // Class files of named modules are never encapsulated as resources.
            try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(n + ".class")) {
                return in == null ? Optional.empty() : Optional.of(TypeHeader.of(new ClassReader(in)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }
}
