package dev.thaw.scan;

/** A method as bytecode names it: owner's internal name, name and descriptor. */
record MethodRef(String owner, String name, String desc) {

    static final String CONSTRUCTOR = "<init>";
    static final String STATIC_INIT = "<clinit>";

    static MethodRef staticInit(String owner) {
        return new MethodRef(owner, STATIC_INIT, "()V");
    }

    boolean isConstructor() {
        return name.equals(CONSTRUCTOR);
    }

    /** {@code example.Ids.newId()}, {@code example.Handler.<init>}: what a person reads in a path. */
    String readable() {
        return Names.className(owner) + "." + Names.method(name, desc);
    }
}
