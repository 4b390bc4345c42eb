package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.Varint;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a lazy restore leaves out of one task's memory: the present pages of its lazy pagemap runs, cut at its
 * mappings' boundaries (from {@code mm-<task>.img}), where they are in its pages file.
 *
 * @param task      the task's id in the image
 * @param pagesFile the file holding the task's pages
 * @param lazy      the pages a lazy restore leaves out, each extent within one mapping
 * @param eager     where the pages a lazy restore does load are in the pages file: ascending (start, end) offsets
 */
record TaskImage(int task, Path pagesFile, List<PendingPages.Extent> lazy, long[] eager) {

    /** {@code mm_entry.vmas} and, in a {@code vma_entry}, its start and end (images/mm.proto, vma.proto). */
    private static final int MM_VMAS = 14;
    private static final int VMA_START = 1;
    private static final int VMA_END = 2;
    private static final int VMA_FLAGS = 6;
    private static final int VMA_STATUS = 7;
    private static final int PAGEMAP_HEAD_PAGES_ID = 1;
    private static final Pattern PAGEMAP = Pattern.compile("pagemap-(\\d+)\\.img");

    /** The tasks of the image in {@code imageDir}, by their pagemaps. */
    static List<Integer> tasks(Path imageDir) throws IOException {
        try (Stream<Path> files = Files.list(imageDir)) {
            return files.map(file -> PAGEMAP.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.valueOf(m.group(1))).sorted().toList();
        }
    }

    /** Every task of the image in {@code imageDir}, by its id. */
    static Map<Integer, TaskImage> all(Path imageDir) throws IOException {
        Map<Integer, TaskImage> tasks = new HashMap<>();
        for (int task : tasks(imageDir)) {
            tasks.put(task, read(imageDir, task));
        }
        return Map.copyOf(tasks);
    }

    long lazyPages() {
        return lazy.stream().mapToLong(PendingPages.Extent::pages).sum();
    }

    long eagerPages() {
        long bytes = 0;
        for (int i = 0; i < eager.length; i += 2) {
            bytes += eager[i + 1] - eager[i];
        }
        return bytes / PendingPages.PAGE;
    }

    /**
     * Where {@code addresses} (page addresses of the image's address space) are in the pages file, in their order,
     * as (start, end) offsets, neighbours joined; addresses outside the lazy pages are left out.
     */
    long[] offsetsOf(long[] addresses) {
        List<Long> ranges = new ArrayList<>();
        for (long address : addresses) {
            int at = extentHolding(address);
            if (at < 0) {
                continue;
            }
            PendingPages.Extent extent = lazy.get(at);
            long offset = extent.offset() + (address - extent.start());
            if (!ranges.isEmpty() && ranges.getLast() == offset) {
                ranges.set(ranges.size() - 1, offset + PendingPages.PAGE);
            } else {
                ranges.add(offset);
                ranges.add(offset + PendingPages.PAGE);
            }
        }
        return ranges.stream().mapToLong(Long::longValue).toArray();
    }

    /** The index of the lazy extent holding {@code address} (extents ascend, unsigned), or -1. */
    private int extentHolding(long address) {
        int low = 0;
        int high = lazy.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            PendingPages.Extent extent = lazy.get(middle);
            if (Long.compareUnsigned(address, extent.start()) < 0) {
                high = middle - 1;
            } else if (Long.compareUnsigned(address, extent.end()) >= 0) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    static TaskImage read(Path imageDir, int task) throws IOException {
        PagemapImage pagemap = PagemapImage.read(imageDir.resolve("pagemap-" + task + ".img"));
        long[] mappings = mappings(imageDir.resolve("mm-" + task + ".img"));
        List<PendingPages.Extent> lazy = new ArrayList<>();
        List<Long> eager = new ArrayList<>();
        long offset = 0;
        int mapping = 0;
        for (PagemapImage.Run run : pagemap.runs()) {
            if (!run.present()) {
                continue;
            }
            if (run.lazy()) {
                long at = run.vaddr();
                while (at < run.end()) {
                    while (mapping < mappings.length && Long.compareUnsigned(mappings[mapping + 1], at) <= 0) {
                        mapping += 2;
                    }
                    if (mapping == mappings.length || Long.compareUnsigned(mappings[mapping], at) > 0) {
                        throw new IOException("pages at 0x" + Long.toHexString(at) + " of task " + task
                                + " are in no mapping of its image");
                    }
                    long end = Long.compareUnsigned(run.end(), mappings[mapping + 1]) < 0 ? run.end() : mappings[mapping + 1];
                    lazy.add(new PendingPages.Extent(at, end, at, offset + (at - run.vaddr())));
                    at = end;
                }
            } else if (!eager.isEmpty() && eager.getLast() == offset) {
                eager.set(eager.size() - 1, offset + run.nrPages() * PendingPages.PAGE);
            } else {
                eager.add(offset);
                eager.add(offset + run.nrPages() * PendingPages.PAGE);
            }
            offset += run.nrPages() * PendingPages.PAGE;
        }
        return new TaskImage(task, imageDir.resolve("pages-" + pagesId(pagemap) + ".img"), List.copyOf(lazy),
                eager.stream().mapToLong(Long::longValue).toArray());
    }

    private static long pagesId(PagemapImage pagemap) throws IOException {
        ByteBuffer head = ByteBuffer.wrap(pagemap.head());
        try {
            while (head.hasRemaining()) {
                long key = Varint.read(head);
                long value = skipOrRead(head, key);
                if (key >>> 3 == PAGEMAP_HEAD_PAGES_ID) {
                    return value;
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("malformed pagemap head", e);
        }
        throw new IOException("the pagemap names no pages file");
    }

    /** The mappings of {@code mm-<task>.img} as ascending (start, end) pairs. */
    static long[] mappings(Path mmImage) throws IOException {
        List<Mapping> vmas = mappingsOf(mmImage);
        long[] bounds = new long[vmas.size() * 2];
        for (int i = 0; i < vmas.size(); i++) {
            bounds[2 * i] = vmas.get(i).start();
            bounds[2 * i + 1] = vmas.get(i).end();
        }
        return bounds;
    }

    /**
     * One mapping of a task's image.
     *
     * @param flags  its mmap flags ({@code MAP_*})
     * @param status CRIU's kind of area ({@code VMA_AREA_*}, {@code VMA_ANON_*}, ...)
     */
    record Mapping(long start, long end, long flags, long status) {
    }

    /** The mappings of {@code mm-<task>.img}, lowest first. */
    static List<Mapping> mappingsOf(Path mmImage) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(mmImage)).order(ByteOrder.LITTLE_ENDIAN);
        List<Mapping> vmas = new ArrayList<>();
        try {
            in.position(Long.BYTES);
            int size = in.getInt();
            ByteBuffer mm = slice(in, size);
            while (mm.hasRemaining()) {
                long key = Varint.read(mm);
                if (key >>> 3 == MM_VMAS && (key & 7) == 2) {
                    ByteBuffer vma = slice(mm, (int) Varint.read(mm));
                    long start = 0;
                    long end = 0;
                    long flags = 0;
                    long status = 0;
                    while (vma.hasRemaining()) {
                        long field = Varint.read(vma);
                        long value = skipOrRead(vma, field);
                        switch ((int) (field >>> 3)) {
                            case VMA_START -> start = value;
                            case VMA_END -> end = value;
                            case VMA_FLAGS -> flags = value;
                            case VMA_STATUS -> status = value;
                            default -> {
                                // not needed here
                            }
                        }
                    }
                    // Addresses are unsigned: the vsyscall page's are above any long.
                    if (Long.compareUnsigned(end, start) <= 0) {
                        throw new IOException("a mapping without bounds in " + mmImage.getFileName());
                    }
                    vmas.add(new Mapping(start, end, flags, status));
                } else {
                    skipOrRead(mm, key);
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("malformed mm image " + mmImage.getFileName(), e);
        }
        vmas.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
        return List.copyOf(vmas);
    }

    static ByteBuffer slice(ByteBuffer in, int size) {
        if (size < 0 || size > in.remaining()) {
            throw new IllegalArgumentException("message of " + size + " bytes");
        }
        ByteBuffer message = in.slice(in.position(), size).order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + size);
        return message;
    }

    /** A varint field's value; any other field is skipped (and 0 returned). */
    static long skipOrRead(ByteBuffer in, long key) {
        switch ((int) (key & 7)) {
            case 0 -> {
                return Varint.read(in);
            }
            case 1 -> in.position(in.position() + Long.BYTES);
            case 2 -> slice(in, (int) Varint.read(in));
            case 5 -> in.position(in.position() + Integer.BYTES);
            default -> throw new IllegalArgumentException("field of wire type " + (key & 7));
        }
        return 0;
    }
}
