package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.Varint;

import java.io.ByteArrayOutputStream;

/** CRIU image files for tests, written as CRIU writes them: two magic numbers, then length-prefixed messages. */
final class CriuImages {

    private static final byte[] MAGIC = {0x19, 0x43, 0x56, 0x54, 0x25, 0x40, 0x08, 0x56};

    private CriuImages() {
    }

    /** A pagemap whose head names pages file {@code pagesId}, with one message per entry. */
    static byte[] pagemap(int pagesId, byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        field(head, 1, pagesId);
        message(out, head.toByteArray());
        for (byte[] entry : entries) {
            message(out, entry);
        }
        return out.toByteArray();
    }

    /** A pagemap entry; {@code wide} writes the count as newer CRIU versions do (nr_pages, not compat_nr_pages). */
    static byte[] entry(long vaddr, long pages, int flags, boolean wide) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, 1, vaddr);
        field(out, 2, wide ? 0 : pages);
        field(out, 4, flags);
        if (wide) {
            field(out, 5, pages);
        }
        return out.toByteArray();
    }

    /** An mm image whose mappings are the (start, end) pairs given, among the other fields CRIU writes. */
    static byte[] mm(long... bounds) {
        ByteArrayOutputStream mm = new ByteArrayOutputStream();
        field(mm, 1, 0x400000);
        for (int i = 0; i < bounds.length; i += 2) {
            ByteArrayOutputStream vma = new ByteArrayOutputStream();
            field(vma, 1, bounds[i]);
            field(vma, 2, bounds[i + 1]);
            field(vma, 5, 3);
            // fd is a sint64 of -1, zigzag-encoded
            field(vma, 8, 1);
            Varint.write(mm, 14L << 3 | 2);
            Varint.write(mm, vma.size());
            mm.writeBytes(vma.toByteArray());
        }
        field(mm, 12, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        message(out, mm.toByteArray());
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, long value) {
        Varint.write(out, (long) number << 3);
        Varint.write(out, value);
    }

    private static void message(ByteArrayOutputStream out, byte[] message) {
        int size = message.length;
        out.writeBytes(new byte[] {(byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)});
        out.writeBytes(message);
    }
}
