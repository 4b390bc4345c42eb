package dev.thaw.controlplane;

/**
 * A deployment package in the package store.
 *
 * @param codeSha256 base64 SHA-256 of the zip (Lambda's CodeSha256), which also locates it in the store
 * @param codeSize   size of the zip in bytes (Lambda's CodeSize)
 */
public record StoredPackage(String codeSha256, long codeSize) {
}
