package dev.thaw.scan;

/** What a source call produces: {@code java.util.UUID.randomUUID()} and its category. */
record SourceKind(String description, ValueCategory category) {
}
