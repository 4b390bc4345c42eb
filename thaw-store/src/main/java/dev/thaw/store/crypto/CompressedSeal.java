package dev.thaw.store.crypto;

import com.github.luben.zstd.Zstd;

import javax.crypto.SecretKey;

/**
 * The stored form of compressible objects (chunks, working sets): the plaintext zstd-compressed, then sealed with
 * AES-GCM under the function's data key, bound to the object's associated data.
 */
public final class CompressedSeal {
    /**
     * Restores wait on decompression and transfer; compression runs once, at publish. On JDK class data, level 3
     * decompresses as fast as level 1 and stores 8% less (level 6: 12% less, at 3.5 times the compression time).
     */
    private static final int ZSTD_LEVEL = 3;

    private CompressedSeal() {
    }

    public static byte[] seal(SecretKey key, byte[] plaintext, String aad) {
        return AesGcm.seal(key, Zstd.compress(plaintext, ZSTD_LEVEL), aad);
    }

    /** Authenticates and decompresses; a frame declaring more than maxBytes is refused before it is inflated. */
    public static byte[] open(SecretKey key, byte[] stored, String aad, int maxBytes) throws IntegrityException {
        byte[] compressed = AesGcm.open(key, stored, aad);
        long size = Zstd.getFrameContentSize(compressed);
        if (size < 0 || size > maxBytes) {
            throw new IntegrityException(aad + " declares " + size + " bytes");
        }
        byte[] plaintext;
        try {
            plaintext = Zstd.decompress(compressed, (int) size);
        } catch (RuntimeException e) {
            throw new IntegrityException(aad + " does not decompress", e);
        }
        if (plaintext.length != size) {
            throw new IntegrityException(aad + " decompresses to " + plaintext.length + " bytes, not " + size);
        }
        return plaintext;
    }
}
