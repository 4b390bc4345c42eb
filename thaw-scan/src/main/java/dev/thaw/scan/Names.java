package dev.thaw.scan;

import org.objectweb.asm.Type;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Turns bytecode names into the Java spelling a report shows. */
final class Names {

    private Names() {
    }

    static String className(String internalName) {
        return internalName.replace('/', '.');
    }

    /** {@code newId()}, {@code nextInt(int)}; constructors and static initialisers without arguments stay bare. */
    static String method(String name, String desc) {
        Type[] args = Type.getArgumentTypes(desc);
        if (args.length == 0 && name.startsWith("<")) {
            return name;
        }
        return name + "(" + Arrays.stream(args).map(Names::simpleType).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code java.util.UUID.randomUUID()}: a call as the kind of value it produced. */
    static String call(String owner, String name, String desc) {
        if (name.equals(MethodRef.CONSTRUCTOR)) {
            return "new " + className(owner) + "(" + Arrays.stream(Type.getArgumentTypes(desc))
                    .map(Names::simpleType).collect(Collectors.joining(", ")) + ")";
        }
        return className(owner) + "." + method(name, desc);
    }

    static String simpleType(Type type) {
        String name = type.getClassName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
