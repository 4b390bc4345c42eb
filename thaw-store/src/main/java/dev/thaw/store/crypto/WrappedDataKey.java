package dev.thaw.store.crypto;

/**
 * The stored form of a function's data key ({@code keys/<function>}, JSON).
 *
 * @param masterKeyId id of the master key that sealed it
 * @param sealedKey   base64 of the data key sealed with AES-GCM under that master key, bound to
 *                    {@code data-key:<function>}
 */
public record WrappedDataKey(int format, String masterKeyId, String sealedKey) {
    public static final int FORMAT = 1;
}
