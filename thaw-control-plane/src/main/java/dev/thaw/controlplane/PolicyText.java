package dev.thaw.controlplane;

/** A resource-based policy document, or one statement of it, as Lambda answers them, with the policy's revision. */
public record PolicyText(String text, String revisionId) {
}
