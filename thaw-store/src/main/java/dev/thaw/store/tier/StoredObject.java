package dev.thaw.store.tier;

/** An object in a tier and its size there. */
public record StoredObject(String key, long size) {
}
