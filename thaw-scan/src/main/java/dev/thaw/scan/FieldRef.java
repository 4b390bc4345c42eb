package dev.thaw.scan;

/** A field by its declaring class's internal name and its name. */
record FieldRef(String owner, String name) {

    String readable() {
        return Names.className(owner) + "." + name;
    }
}
