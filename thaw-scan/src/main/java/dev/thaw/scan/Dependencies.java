package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The function's classes a framework constructs during init to hand to the objects init keeps: the parameter types
 * of their injection points ({@code Handler(Dependency d)} with no caller in the package), and the types of their
 * fields the container fills ({@code @Inject}, {@code @Autowired}) or that no code of the package ever writes.
 */
final class Dependencies {

    private Dependencies() {
    }

    static Set<String> of(CodeBase code, CallGraph graph, Set<MethodRef> retainedRoots) {
        Set<String> written = writtenFields(code);
        Set<String> types = new LinkedHashSet<>();
        Set<String> owners = new HashSet<>();
        for (MethodRef root : retainedRoots) {
            owners.add(root.owner());
            if (graph.isInjectionPoint(root)) {
                for (Type arg : Type.getArgumentTypes(root.desc())) {
                    ownClass(code, arg).ifPresent(types::add);
                }
            }
        }
        for (String owner : owners) {
            for (FieldNode field : code.ownClass(owner).map(node -> node.fields).orElseThrow()) {
                boolean isStatic = (field.access & Opcodes.ACC_STATIC) != 0;
                if (!isStatic && (ManagedBeans.isInjected(field) || !written.contains(owner + "." + field.name))) {
                    ownClass(code, Type.getType(field.desc)).ifPresent(types::add);
                }
            }
        }
        return types;
    }

    private static Optional<String> ownClass(CodeBase code, Type type) {
        return type.getSort() == Type.OBJECT && code.isOwn(type.getInternalName())
                ? Optional.of(type.getInternalName()) : Optional.empty();
    }

    /** {@code owner.name} of every field some own code assigns. */
    private static Set<String> writtenFields(CodeBase code) {
        Set<String> written = new HashSet<>();
        for (ClassNode node : code.ownClasses()) {
            for (MethodNode method : node.methods) {
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof FieldInsnNode field && (field.getOpcode() == Opcodes.PUTFIELD
                            || field.getOpcode() == Opcodes.PUTSTATIC)) {
                        written.add(field.owner + "." + field.name);
                    }
                }
            }
        }
        return written;
    }
}
