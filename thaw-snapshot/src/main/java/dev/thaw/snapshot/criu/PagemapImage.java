package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.Varint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CRIU pagemap image ({@code pagemap-<pid>.img}): which pages of one task the image holds, as runs of pages.
 * Read here to tell which pages a lazy restore loads how, and where they are in the pages file, and rewritten
 * after a checkpoint to mark which pages are lazy; the format is two magic numbers, then length-prefixed protobuf
 * messages (a head, then one entry per run: images/pagemap.proto).
 *
 * @param magic   the file's first eight bytes, as they are
 * @param head    the head message, as it is (which pages file the runs are in)
 */
record PagemapImage(long magic, byte[] head, List<Run> runs) {

    static final long PAGE_SIZE = 4096;
    /** Pages may be restored on demand (CRIU marks every page of a private anonymous mapping so). */
    static final int LAZY = 1 << 1;
    /** Pages are in the pages file (else in a parent image, or nowhere: a hole). */
    static final int PRESENT = 1 << 2;

    /** One pagemap entry: {@code nrPages} pages from {@code vaddr}. */
    record Run(long vaddr, long nrPages, int flags) {

        long end() {
            return vaddr + nrPages * PAGE_SIZE;
        }

        boolean lazy() {
            return (flags & LAZY) != 0;
        }

        boolean present() {
            return (flags & PRESENT) != 0;
        }
    }

    static PagemapImage read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.getFileName().toString());
    }

    static PagemapImage parse(byte[] bytes, String name) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long magic = in.getLong();
            ByteBuffer headMessage = message(in);
            byte[] head = new byte[headMessage.remaining()];
            headMessage.get(head);
            List<Run> runs = new ArrayList<>();
            while (in.hasRemaining()) {
                runs.add(run(message(in)));
            }
            return new PagemapImage(magic, head, List.copyOf(runs));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("malformed pagemap image " + name, e);
        }
    }

    /**
     * This pagemap with exactly the present pages in {@code lazy} marked lazy: runs are cut at its bounds, and keep
     * their order and pages, so the pages file still matches.
     *
     * @param lazy ascending (start, end) address pairs, none touching the next
     */
    PagemapImage withLazy(long[] lazy) {
        List<Run> split = new ArrayList<>();
        for (Run run : runs) {
            if (!run.present()) {
                split.add(run);
                continue;
            }
            long at = run.vaddr();
            while (at < run.end()) {
                int i = Arrays.binarySearch(lazy, at);
                // In a lazy range when at is a range's start, or falls after a start (odd insertion point).
                boolean inLazy = i >= 0 ? i % 2 == 0 : (-i - 1) % 2 == 1;
                int boundary = i >= 0 ? i + 1 : -i - 1;
                long next = boundary < lazy.length ? Math.min(run.end(), lazy[boundary]) : run.end();
                int flags = inLazy ? run.flags() | LAZY : run.flags() & ~LAZY;
                split.add(new Run(at, (next - at) / PAGE_SIZE, flags));
                at = next;
            }
        }
        return new PagemapImage(magic, head, List.copyOf(split));
    }

    /** The image file's bytes; counts are written as CRIU 4.1 does (compat_nr_pages), which every version reads. */
    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(magic).array());
        writeMessage(out, head);
        for (Run run : runs) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            field(entry, 1, run.vaddr());
            field(entry, 2, run.nrPages());
            field(entry, 4, run.flags());
            writeMessage(out, entry.toByteArray());
        }
        return out.toByteArray();
    }

    private static void writeMessage(ByteArrayOutputStream out, byte[] message) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(message.length)
                .array());
        out.writeBytes(message);
    }

    private static void field(ByteArrayOutputStream out, int number, long value) {
        Varint.write(out, (long) number << 3);
        Varint.write(out, value);
    }

    private static ByteBuffer message(ByteBuffer in) {
        int size = in.getInt();
        if (size < 0 || size > in.remaining()) {
            throw new IllegalArgumentException("message of " + size + " bytes");
        }
        ByteBuffer message = in.slice(in.position(), size);
        in.position(in.position() + size);
        return message;
    }

    private static Run run(ByteBuffer in) {
        long vaddr = -1;
        long compatPages = 0;
        long pages = -1;
        int flags = 0;
        while (in.hasRemaining()) {
            long key = Varint.read(in);
            if ((key & 7) != 0) {
                throw new IllegalArgumentException("pagemap field of wire type " + (key & 7));
            }
            long value = Varint.read(in);
            switch ((int) (key >>> 3)) {
                case 1 -> vaddr = value;
                case 2 -> compatPages = value;
                case 4 -> flags = (int) value;
                // 64-bit count of newer CRIU versions
                case 5 -> pages = value;
                default -> {
                    // in_parent (3) or a field added later: not needed here
                }
            }
        }
        if (vaddr == -1) {
            throw new IllegalArgumentException("pagemap entry without an address");
        }
        return new Run(vaddr, pages >= 0 ? pages : compatPages, flags);
    }

}
