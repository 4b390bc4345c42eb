package dev.thaw.snapshot.criu;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CRIU pagemap image ({@code pagemap-<pid>.img}): which pages of one task the image holds, as runs of pages.
 * Read here to tell which pages a lazy restore loads how; the format is two magic numbers, then length-prefixed
 * protobuf messages (a head, then one entry per run: images/pagemap.proto).
 */
record PagemapImage(List<Run> runs) {

    static final long PAGE_SIZE = 4096;
    /** Pages may be restored on demand (CRIU marks every page of a private anonymous mapping so). */
    static final int LAZY = 1 << 1;
    /** Pages are in the pages file (else in a parent image, or nowhere: a hole). */
    static final int PRESENT = 1 << 2;
    private static final int MAGIC_BYTES = 8;

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
            in.position(MAGIC_BYTES);
            message(in); // the head: which pages file the runs are in
            List<Run> runs = new ArrayList<>();
            while (in.hasRemaining()) {
                runs.add(run(message(in)));
            }
            return new PagemapImage(List.copyOf(runs));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("malformed pagemap image " + name, e);
        }
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
            long key = varint(in);
            if ((key & 7) != 0) {
                throw new IllegalArgumentException("pagemap field of wire type " + (key & 7));
            }
            long value = varint(in);
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

    private static long varint(ByteBuffer in) {
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
