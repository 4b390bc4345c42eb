package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.HashMap;
import java.util.Map;

/** The method under analysis: instruction indexes, their source lines, and which local holds which parameter. */
final class MethodContext {

    private final MethodRef method;
    private final MethodNode node;
    private final int[] lines;
    private final Map<Integer, Integer> parameterPositions = new HashMap<>();
    private final boolean injectionPoint;

    /** {@code injectionPoint}: a framework calls the method during init with arguments of its own making. */
    MethodContext(MethodRef method, MethodNode node, boolean injectionPoint) {
        this.method = method;
        this.node = node;
        this.injectionPoint = injectionPoint;
        this.lines = new int[node.instructions.size()];
        int line = 0;
        for (int i = 0; i < lines.length; i++) {
            if (node.instructions.get(i) instanceof LineNumberNode number) {
                line = number.line;
            }
            lines[i] = line;
        }
        int local = 0;
        int position = 0;
        if ((node.access & Opcodes.ACC_STATIC) == 0) {
            parameterPositions.put(local++, position++);
        }
        for (Type arg : Type.getArgumentTypes(node.desc)) {
            parameterPositions.put(local, position++);
            local += arg.getSize();
        }
    }

    MethodRef method() {
        return method;
    }

    MethodNode node() {
        return node;
    }

    int index(AbstractInsnNode insn) {
        return node.instructions.indexOf(insn);
    }

    /** The source line of the instruction, 0 when the class was compiled without line numbers. */
    int line(AbstractInsnNode insn) {
        return lines[index(insn)];
    }

    /** Position of the parameter held in the local at method entry: receiver 0, then the arguments. */
    int parameterPosition(int local) {
        return parameterPositions.getOrDefault(local, -1);
    }

    boolean isInjectionPoint() {
        return injectionPoint;
    }

    TaintSource source(AbstractInsnNode insn, SourceKind kind) {
        return new TaintSource(method, index(insn), line(insn), kind.description(), kind.category(), null);
    }

    /** A source of a callee (or a lambda it runs), anchored at the call in this method that brought it here. */
    TaintSource reanchored(AbstractInsnNode call, TaintSource source, String via) {
        return new TaintSource(method, index(call), line(call), source.kind(), source.category(), via);
    }

    /** The generator a framework passes in as the parameter at this position. */
    TaintSource injected(int position, SourceKind kind) {
        return new TaintSource(method, -1 - position, -1, kind.description(), kind.category(), null);
    }
}
