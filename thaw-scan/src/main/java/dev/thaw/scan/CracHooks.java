package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CRaC resource hooks ({@code org.crac}, {@code jdk.crac}, {@code jdk.internal.crac}). {@code afterRestore} runs in
 * every restored copy, so what it computes is unique per copy: it is never part of init, and a field it assigns is
 * refreshed after restore whatever init stored there. {@code beforeCheckpoint} runs before the snapshot, so it is.
 */
final class CracHooks {

    private static final Set<String> RESOURCE_TYPES = Set.of("org/crac/Resource", "jdk/crac/Resource",
            "jdk/internal/crac/JDKResource", "jdk/internal/crac/Resource");

    private final CodeBase code;
    private final TypeHierarchy types;

    CracHooks(CodeBase code, TypeHierarchy types) {
        this.code = code;
        this.types = types;
    }

    boolean isResource(String type) {
        return types.supertypes(type).stream().anyMatch(RESOURCE_TYPES::contains);
    }

    /** Matched by name and a CRaC context parameter: enough even when the CRaC jar is not in the package. */
    boolean isAfterRestore(MethodRef method) {
        return method.name().equals("afterRestore") && takesCracContext(method.desc());
    }

    boolean isBeforeCheckpoint(MethodRef method) {
        return method.name().equals("beforeCheckpoint") && takesCracContext(method.desc());
    }

    List<MethodRef> afterRestoreHooks() {
        List<MethodRef> hooks = new ArrayList<>();
        for (ClassNode node : code.ownClasses()) {
            for (MethodNode method : node.methods) {
                MethodRef ref = new MethodRef(node.name, method.name, method.desc);
                if (isAfterRestore(ref) && code.method(ref) != null) {
                    hooks.add(ref);
                }
            }
        }
        return hooks;
    }

    /** Fields assigned by the afterRestore hooks or code they call: init's value there does not survive restore. */
    Set<FieldRef> refreshedFields(CallGraph restoreGraph) {
        Set<FieldRef> fields = new HashSet<>();
        for (MethodRef method : restoreGraph.methods()) {
            MethodNode node = code.method(method);
            if (node == null) {
                continue;
            }
            for (AbstractInsnNode insn : node.instructions) {
                if ((insn.getOpcode() == Opcodes.PUTFIELD || insn.getOpcode() == Opcodes.PUTSTATIC)
                        && insn instanceof FieldInsnNode field) {
                    fields.add(types.field(field.owner, field.name));
                }
            }
        }
        return fields;
    }

    private static boolean takesCracContext(String desc) {
        Type[] args = Type.getArgumentTypes(desc);
        return args.length == 1 && args[0].getSort() == Type.OBJECT
                && args[0].getInternalName().contains("crac/") && args[0].getInternalName().endsWith("Context")
                && Type.getReturnType(desc) == Type.VOID_TYPE;
    }
}
