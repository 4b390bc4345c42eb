package dev.thaw.scan;

/**
 * Where init keeps a value: a field by its declaring class's internal name and its name, or ({@code bean}) the
 * object a {@code @Bean} factory method {@code owner.name} returns, which the container keeps.
 */
record FieldRef(String owner, String name, boolean bean) {

    FieldRef(String owner, String name) {
        this(owner, name, false);
    }

    static FieldRef beanOf(MethodRef factory) {
        return new FieldRef(factory.owner(), factory.name(), true);
    }

    String readable() {
        return bean ? "the bean " + Names.className(owner) + "." + name + "()" : Names.className(owner) + "." + name;
    }
}
