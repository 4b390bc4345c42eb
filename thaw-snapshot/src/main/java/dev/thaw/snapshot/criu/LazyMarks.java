package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.Varint;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Marks, after a checkpoint, which pages of the image a lazy restore may leave out: every present page of a mapping
 * CRIU registers with userfaultfd at restore (private anonymous, not locked, not huge pages, not the vDSO, vvar or
 * vsyscall areas), but the page each thread's stack pointer is in, which the restore itself needs.
 *
 * <p>CRIU marks these pages only when its dump runs with {@code --lazy-pages} (which leaves them out of the image
 * altogether); otherwise its marks follow how its pipe buffers happened to fill, so anywhere from none to most of
 * an image came out lazy. The marks are rewritten here, in place; the pages file is untouched.
 */
final class LazyMarks {

    private static final long MAP_PRIVATE = 0x02;
    private static final long MAP_ANONYMOUS = 0x20;
    private static final long MAP_LOCKED = 0x2000;
    private static final long MAP_HUGETLB = 0x40000;
    private static final long VMA_AREA_VSYSCALL = 1 << 2;
    private static final long VMA_AREA_VDSO = 1 << 3;
    private static final long VMA_AREA_VVAR = 1 << 12;
    private static final Pattern CORE = Pattern.compile("core-\\d+\\.img");
    /** core.proto: mtype, and per architecture, the thread info, its registers and the stack pointer in them. */
    private static final int CORE_MTYPE = 1;
    private static final int X86_64 = 1;
    private static final int AARCH64 = 3;
    private static final int[] X86_64_SP = {2, 2, 20};
    private static final int[] AARCH64_SP = {8, 3, 2};

    private LazyMarks() {
    }

    /**
     * Rewrites the image's pagemaps; false (and nothing changed) when a thread's stack pointer cannot be read (an
     * architecture other than x86-64 and arm64).
     */
    static boolean apply(Path imageDir) throws IOException {
        Optional<TreeSet<Long>> stackPages = stackPages(imageDir);
        if (stackPages.isEmpty()) {
            return false;
        }
        for (int task : TaskImage.tasks(imageDir)) {
            Path pagemap = imageDir.resolve("pagemap-" + task + ".img");
            long[] lazy = lazyRanges(TaskImage.mappingsOf(imageDir.resolve("mm-" + task + ".img")),
                    stackPages.get());
            Path rewritten = pagemap.resolveSibling(pagemap.getFileName() + ".lazy");
            Files.write(rewritten, PagemapImage.read(pagemap).withLazy(lazy).toBytes());
            Files.move(rewritten, pagemap, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return true;
    }

    /** The mappings that may be lazy, without the stack pages, as ascending, disjoint, apart (start, end) pairs. */
    static long[] lazyRanges(List<TaskImage.Mapping> mappings, TreeSet<Long> stackPages) {
        List<Long> ranges = new ArrayList<>();
        for (TaskImage.Mapping mapping : mappings) {
            if (!canBeLazy(mapping)) {
                continue;
            }
            long at = mapping.start();
            for (long stack : stackPages.subSet(mapping.start(), mapping.end())) {
                add(ranges, at, stack);
                at = stack + PagemapImage.PAGE_SIZE;
            }
            add(ranges, at, mapping.end());
        }
        return ranges.stream().mapToLong(Long::longValue).toArray();
    }

    /** Appends {@code [from, to)}, joined to the last range when they touch, so no bound appears twice. */
    private static void add(List<Long> ranges, long from, long to) {
        if (to <= from) {
            return;
        }
        if (!ranges.isEmpty() && ranges.getLast() == from) {
            ranges.set(ranges.size() - 1, to);
        } else {
            ranges.add(from);
            ranges.add(to);
        }
    }

    private static boolean canBeLazy(TaskImage.Mapping mapping) {
        return (mapping.flags() & MAP_ANONYMOUS) != 0 && (mapping.flags() & MAP_PRIVATE) != 0
                && (mapping.flags() & (MAP_LOCKED | MAP_HUGETLB)) == 0
                && (mapping.status() & (VMA_AREA_VSYSCALL | VMA_AREA_VDSO | VMA_AREA_VVAR)) == 0
                && mapping.start() >= 0;
    }

    /** The pages the stack pointers of all threads of all tasks are in; empty when one cannot be read. */
    private static Optional<TreeSet<Long>> stackPages(Path imageDir) throws IOException {
        List<Path> cores;
        try (Stream<Path> files = Files.list(imageDir)) {
            cores = files.filter(f -> CORE.matcher(f.getFileName().toString()).matches()).toList();
        }
        TreeSet<Long> pages = new TreeSet<>();
        for (Path core : cores) {
            Optional<Long> sp = stackPointer(core);
            if (sp.isEmpty()) {
                return Optional.empty();
            }
            pages.add(sp.get() & -PagemapImage.PAGE_SIZE);
        }
        return cores.isEmpty() ? Optional.empty() : Optional.of(pages);
    }

    private static Optional<Long> stackPointer(Path core) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(core)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            in.position(Long.BYTES);
            ByteBuffer entry = TaskImage.slice(in, in.getInt());
            Optional<Long> mtype = field(entry.duplicate(), CORE_MTYPE);
            int[] path = mtype.isEmpty() ? null : switch (mtype.get().intValue()) {
                case X86_64 -> X86_64_SP;
                case AARCH64 -> AARCH64_SP;
                default -> null;
            };
            if (path == null) {
                return Optional.empty();
            }
            ByteBuffer message = entry;
            for (int i = 0; i < path.length - 1; i++) {
                Optional<ByteBuffer> inner = submessage(message, path[i]);
                if (inner.isEmpty()) {
                    return Optional.empty();
                }
                message = inner.get();
            }
            return field(message, path[path.length - 1]);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("malformed core image " + core.getFileName(), e);
        }
    }

    /** The first varint field {@code number} of a message. */
    private static Optional<Long> field(ByteBuffer message, int number) {
        while (message.hasRemaining()) {
            long key = Varint.read(message);
            long value = TaskImage.skipOrRead(message, key);
            if (key >>> 3 == number && (key & 7) == 0) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Optional<ByteBuffer> submessage(ByteBuffer message, int number) {
        while (message.hasRemaining()) {
            long key = Varint.read(message);
            if (key >>> 3 == number && (key & 7) == 2) {
                return Optional.of(TaskImage.slice(message, (int) Varint.read(message)));
            }
            TaskImage.skipOrRead(message, key);
        }
        return Optional.empty();
    }
}
