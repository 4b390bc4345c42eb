package dev.thaw.snapshot.criu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pages of one restored address space that are still to be installed from the image: disjoint extents of the
 * address space, each with where its first page is in the image's address space and in the pages file. Extents
 * never cross a mapping's boundary, since one UFFDIO_COPY may fill only one mapping. Not thread-safe: one page
 * server's thread owns it.
 */
final class PendingPages {

    static final long PAGE = 4096;

    /**
     * Pages {@code [start, end)} of the address space, whose first page is {@code image} in the image's address space
     * and at {@code offset} in the pages file.
     */
    record Extent(long start, long end, long image, long offset) {

        long pages() {
            return (end - start) / PAGE;
        }

        /** The part of this extent within {@code [from, to)} (which must overlap it). */
        Extent part(long from, long to) {
            long s = Math.max(from, start);
            long e = Math.min(to, end);
            return new Extent(s, e, image + (s - start), offset + (s - start));
        }

        Extent movedBy(long distance) {
            return new Extent(start + distance, end + distance, image, offset);
        }
    }

    private final TreeMap<Long, Extent> extents = new TreeMap<>();
    private long pages;

    PendingPages() {
    }

    private PendingPages(PendingPages other) {
        extents.putAll(other.extents);
        pages = other.pages;
    }

    /** A copy, for the address space of a forked child, which lacks the same pages. */
    PendingPages copy() {
        return new PendingPages(this);
    }

    void add(Extent extent) {
        if (extent.end() <= extent.start()) {
            return;
        }
        Map.Entry<Long, Extent> before = extents.floorEntry(extent.end() - 1);
        if (before != null && before.getValue().end() > extent.start()) {
            throw new IllegalArgumentException("extent " + Long.toHexString(extent.start()) + " overlaps one pending");
        }
        extents.put(extent.start(), extent);
        pages += extent.pages();
    }

    boolean isEmpty() {
        return extents.isEmpty();
    }

    long pages() {
        return pages;
    }

    /** The pending extent holding {@code address}, if any. */
    Extent find(long address) {
        Map.Entry<Long, Extent> entry = extents.floorEntry(address);
        return entry != null && entry.getValue().end() > address ? entry.getValue() : null;
    }

    /** Up to {@code maxPages} pending pages from the lowest address, taken out of the pending set. */
    List<Extent> takeFirst(long maxPages) {
        Map.Entry<Long, Extent> first = extents.firstEntry();
        if (first == null) {
            return List.of();
        }
        Extent extent = first.getValue();
        return take(extent.start(), Math.min(extent.end(), extent.start() + maxPages * PAGE));
    }

    /** Takes the pending parts of {@code [from, to)} out of the pending set and returns them, lowest first. */
    List<Extent> take(long from, long to) {
        List<Extent> taken = new ArrayList<>();
        Long key = extents.floorKey(from);
        if (key == null || extents.get(key).end() <= from) {
            key = extents.higherKey(from);
        }
        while (key != null && key < to) {
            Extent extent = extents.remove(key);
            pages -= extent.pages();
            if (extent.start() < from) {
                putBack(extent.part(extent.start(), from));
            }
            if (extent.end() > to) {
                putBack(extent.part(to, extent.end()));
            }
            taken.add(extent.part(from, to));
            key = extents.higherKey(key);
        }
        return taken;
    }

    /** Forgets {@code [from, to)}: the copy unmapped or discarded it, so no image page may ever land there. */
    void drop(long from, long to) {
        take(from, to);
    }

    /** The copy moved {@code [from, from + length)} to {@code to} (mremap): its pending pages move with it. */
    void move(long from, long to, long length) {
        List<Extent> moved = take(from, from + length);
        drop(to, to + length);
        for (Extent extent : moved) {
            add(extent.movedBy(to - from));
        }
    }

    private void putBack(Extent extent) {
        extents.put(extent.start(), extent);
        pages += extent.pages();
    }
}
