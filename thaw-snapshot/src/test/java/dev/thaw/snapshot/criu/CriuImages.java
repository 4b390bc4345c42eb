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

    /** Private anonymous memory, as CRIU records a heap's mapping: MAP_PRIVATE | MAP_ANONYMOUS, VMA_ANON_PRIVATE. */
    static final long[] ANON_PRIVATE = {0x22, 0x201};

    /** An mm image whose mappings are the (start, end) pairs given, private anonymous memory each. */
    static byte[] mm(long... bounds) {
        long[][] mappings = new long[bounds.length / 2][];
        for (int i = 0; i < bounds.length; i += 2) {
            mappings[i / 2] = new long[] {bounds[i], bounds[i + 1], ANON_PRIVATE[0], ANON_PRIVATE[1]};
        }
        return mm(mappings);
    }

    /** An mm image of mappings (start, end, mmap flags, CRIU status), among the other fields CRIU writes. */
    static byte[] mm(long[]... mappings) {
        ByteArrayOutputStream mm = new ByteArrayOutputStream();
        field(mm, 1, 0x400000);
        for (long[] mapping : mappings) {
            ByteArrayOutputStream vma = new ByteArrayOutputStream();
            field(vma, 1, mapping[0]);
            field(vma, 2, mapping[1]);
            field(vma, 5, 3);
            field(vma, 6, mapping[2]);
            field(vma, 7, mapping[3]);
            // fd is a sint64 of -1, zigzag-encoded
            field(vma, 8, 1);
            submessage(mm, 14, vma.toByteArray());
        }
        field(mm, 12, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        message(out, mm.toByteArray());
        return out.toByteArray();
    }

    /** An x86-64 core image whose thread's stack pointer is {@code sp}, beside other registers. */
    static byte[] core(long sp) {
        ByteArrayOutputStream regs = new ByteArrayOutputStream();
        field(regs, 17, 0x401000);
        field(regs, 20, sp);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        field(info, 1, 0);
        submessage(info, 2, regs.toByteArray());
        ByteArrayOutputStream core = new ByteArrayOutputStream();
        field(core, 1, 1);
        submessage(core, 2, info.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        message(out, core.toByteArray());
        return out.toByteArray();
    }

    private static void submessage(ByteArrayOutputStream out, int number, byte[] message) {
        Varint.write(out, (long) number << 3 | 2);
        Varint.write(out, message.length);
        out.writeBytes(message);
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
