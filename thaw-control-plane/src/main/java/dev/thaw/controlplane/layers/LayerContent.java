package dev.thaw.controlplane.layers;

/**
 * A layer version's package.
 *
 * @param codeSha256   base64 SHA-256 of the zip, its key in the package store
 * @param codeSize     the zip's size
 * @param unpackedSize the size of its files once unzipped
 */
public record LayerContent(String codeSha256, long codeSize, long unpackedSize) {
}
