package dev.thaw.controlplane;

/**
 * One layer version a function's configuration uses, as it was when the configuration was saved: a layer version
 * deleted later keeps serving the functions that use it.
 *
 * @param arn          the layer version ARN
 * @param codeSha256   its package in the package store
 * @param codeSize     the zip's size
 * @param unpackedSize the size of its files, counted against the function's unzipped limit
 */
public record FunctionLayer(String arn, String codeSha256, long codeSize, long unpackedSize) {
}
