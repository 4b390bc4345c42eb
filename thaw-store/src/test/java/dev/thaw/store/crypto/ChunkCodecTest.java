package dev.thaw.store.crypto;

import dev.thaw.store.format.Chunks;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkCodecTest {
    private final SecretKey key = AesGcm.newKey();
    private final byte[] plaintext = plaintext();
    private final String id = Chunks.id(plaintext);
    private final byte[] stored = ChunkCodec.encode("f", id, plaintext, key);

    @Test
    void decodesWhatItEncoded() throws Exception {
        assertArrayEquals(plaintext, ChunkCodec.decode("f", id, stored, key));
    }

    @Test
    void rejectsEveryAlteredByte() {
        for (int i = 0; i < stored.length; i += Math.max(1, stored.length / 97)) {
            byte[] altered = stored.clone();
            altered[i] ^= 1;
            assertThrows(IntegrityException.class, () -> ChunkCodec.decode("f", id, altered, key), "byte " + i);
        }
    }

    @Test
    void rejectsTruncationAnotherNameAndAnotherKey() {
        assertThrows(IntegrityException.class,
                () -> ChunkCodec.decode("f", id, Arrays.copyOf(stored, stored.length - 1), key));
        assertThrows(IntegrityException.class, () -> ChunkCodec.decode("g", id, stored, key));
        assertThrows(IntegrityException.class, () -> ChunkCodec.decode("f", Chunks.id(new byte[1]), stored, key));
        assertThrows(IntegrityException.class, () -> ChunkCodec.decode("f", id, stored, AesGcm.newKey()));
    }

    @Test
    void rejectsAWellSealedChunkWhoseContentIsNotItsId() {
        byte[] other = ChunkCodec.encode("f", id, new byte[] {1, 2, 3}, key);
        assertThrows(IntegrityException.class, () -> ChunkCodec.decode("f", id, other, key));
    }

    private static byte[] plaintext() {
        byte[] bytes = new byte[Chunks.SIZE];
        new Random(1).nextBytes(bytes);
        Arrays.fill(bytes, 0, Chunks.SIZE / 2, (byte) 0); // compressible half
        return bytes;
    }
}
