package dev.thaw.api.auth;

/** Who signed a verified request: the key, and the region the signature was scoped to. */
public record Caller(AccessKey key, String region) {
}
