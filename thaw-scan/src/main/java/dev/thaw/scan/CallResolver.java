package dev.thaw.scan;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the function's own methods a call may run. Static and special calls resolve upwards as the JVM does;
 * virtual and interface calls also reach every own override below the named type (class hierarchy analysis), since
 * the receiver's class is not known. Calls named on {@code java.lang.Object} ({@code toString}, {@code equals}) are
 * not spread over every class: that would make nearly all code reachable from a single string concatenation.
 */
final class CallResolver {

    private final CodeBase code;
    private final TypeHierarchy types;
    private final Map<String, List<MethodRef>> cache = new HashMap<>();
    private Map<FieldRef, List<MethodRef>> fieldLambdas;

    CallResolver(CodeBase code, TypeHierarchy types) {
        this.code = code;
        this.types = types;
    }

    TypeHierarchy types() {
        return types;
    }

    List<MethodRef> resolve(MethodInsnNode call) {
        if (call.owner.startsWith("[")) {
            return List.of();
        }
        // Every analysis pass asks again for the same calls.
        return cache.computeIfAbsent(call.getOpcode() + " " + call.owner + "." + call.name + call.desc,
                key -> compute(call));
    }

    private List<MethodRef> compute(MethodInsnNode call) {
        Set<MethodRef> targets = new LinkedHashSet<>();
        resolveUpwards(call.owner, call.name, call.desc).ifPresent(targets::add);
        boolean dynamic = call.getOpcode() == Opcodes.INVOKEVIRTUAL || call.getOpcode() == Opcodes.INVOKEINTERFACE;
        if (dynamic && !call.owner.equals("java/lang/Object")) {
            for (String subtype : types.ownSubtypes(call.owner)) {
                MethodRef candidate = new MethodRef(subtype, call.name, call.desc);
                if (isConcrete(candidate)) {
                    targets.add(candidate);
                }
            }
        }
        return List.copyOf(targets);
    }

    /** The own method a lambda or method reference runs, when the call site creates one. */
    Optional<MethodRef> lambdaBody(InvokeDynamicInsnNode call) {
        if (!call.bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory") || call.bsmArgs.length < 2
                || !(call.bsmArgs[1] instanceof Handle body)) {
            return Optional.empty();
        }
        MethodRef ref = new MethodRef(body.getOwner(), body.getName(), body.getDesc());
        return code.isOwn(ref.owner()) ? resolveUpwards(ref.owner(), ref.name(), ref.desc()) : Optional.empty();
    }

    /** A lambda stored straight into a field: kept to run later, not run by the code creating it. */
    static boolean keptInField(InvokeDynamicInsnNode indy) {
        return fieldKeeping(indy) != null;
    }

    /** The own lambda bodies stored straight into the field anywhere in the package. */
    List<MethodRef> fieldLambdas(FieldRef field) {
        if (fieldLambdas == null) {
            fieldLambdas = new HashMap<>();
            for (ClassNode node : code.ownClasses()) {
                for (MethodNode method : node.methods) {
                    for (AbstractInsnNode insn : method.instructions) {
                        if (insn instanceof InvokeDynamicInsnNode indy && fieldKeeping(indy) != null) {
                            FieldInsnNode put = fieldKeeping(indy);
                            lambdaBody(indy).ifPresent(body -> fieldLambdas.computeIfAbsent(
                                    types.field(put.owner, put.name), k -> new ArrayList<>()).add(body));
                        }
                    }
                }
            }
        }
        return fieldLambdas.getOrDefault(field, List.of());
    }

    /** A lambda returned straight away: its creator hands it on to run later, it does not run it. */
    static boolean returned(InvokeDynamicInsnNode indy) {
        return next(indy) != null && next(indy).getOpcode() == Opcodes.ARETURN;
    }

    private static AbstractInsnNode next(AbstractInsnNode insn) {
        AbstractInsnNode next = insn.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next;
    }

    private static FieldInsnNode fieldKeeping(InvokeDynamicInsnNode indy) {
        AbstractInsnNode next = next(indy);
        return next instanceof FieldInsnNode put
                && (put.getOpcode() == Opcodes.PUTFIELD || put.getOpcode() == Opcodes.PUTSTATIC) ? put : null;
    }

    /** The first own declaration met walking up the class chain, then default methods of own interfaces. */
    Optional<MethodRef> resolveUpwards(String owner, String name, String desc) {
        Set<String> interfaces = new LinkedHashSet<>();
        for (String type = owner; type != null && code.isOwn(type); ) {
            MethodRef candidate = new MethodRef(type, name, desc);
            if (code.declares(candidate)) {
                return isConcrete(candidate) ? Optional.of(candidate) : Optional.empty();
            }
            ClassNode node = code.ownClass(type).orElseThrow();
            interfaces.addAll(node.interfaces);
            type = node.superName;
        }
        Deque<String> queue = new ArrayDeque<>(interfaces);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String itf = queue.poll();
            if (seen.add(itf) && code.isOwn(itf)) {
                MethodRef candidate = new MethodRef(itf, name, desc);
                if (isConcrete(candidate)) {
                    return Optional.of(candidate);
                }
                queue.addAll(code.ownClass(itf).orElseThrow().interfaces);
            }
        }
        return Optional.empty();
    }

    private boolean isConcrete(MethodRef ref) {
        return code.method(ref) != null;
    }
}
