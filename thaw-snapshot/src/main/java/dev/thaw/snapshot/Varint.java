package dev.thaw.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Unsigned LEB128 integers, as protobuf (and so CRIU's images) and the working-set record write them. */
public final class Varint {

    private Varint() {
    }

    public static void write(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    /**
     * @throws java.nio.BufferUnderflowException when the bytes end inside it
     * @throws IllegalArgumentException          when it runs past 64 bits
     */
    public static long read(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
