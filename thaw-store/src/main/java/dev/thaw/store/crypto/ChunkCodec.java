package dev.thaw.store.crypto;

import dev.thaw.store.format.Chunks;

import javax.crypto.SecretKey;

/**
 * A chunk's stored form: its plaintext compressed and sealed ({@link CompressedSeal}) under the function's data
 * key, bound to {@code chunk:<function>/<id>}. Decoding authenticates, decompresses and checks the SHA-256 against
 * the id, so a decoded chunk is exactly the one that was stored.
 */
public final class ChunkCodec {
    private ChunkCodec() {
    }

    public static byte[] encode(String function, String chunkId, byte[] plaintext, SecretKey dataKey) {
        return CompressedSeal.seal(dataKey, plaintext, Aad.chunk(function, chunkId));
    }

    public static byte[] decode(String function, String chunkId, byte[] stored, SecretKey dataKey)
            throws IntegrityException {
        byte[] plaintext = CompressedSeal.open(dataKey, stored, Aad.chunk(function, chunkId), Chunks.SIZE);
        if (!Chunks.id(plaintext).equals(chunkId)) {
            throw new IntegrityException("chunk " + chunkId + " does not match its SHA-256");
        }
        return plaintext;
    }
}
