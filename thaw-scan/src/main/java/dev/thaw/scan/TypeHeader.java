package dev.thaw.scan;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

import java.util.List;

/** What the type hierarchy needs of a class: its name, supertypes and flags (read without its code). */
record TypeHeader(String name, String superName, List<String> interfaces, int access) {

    static TypeHeader of(ClassReader reader) {
        return new TypeHeader(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()),
                reader.getAccess());
    }

    boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isAbstract() {
        return (access & Opcodes.ACC_ABSTRACT) != 0;
    }
}
