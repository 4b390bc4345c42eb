package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.criu.PendingPages.Extent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingPagesTest {

    private static final long P = PendingPages.PAGE;

    /** 16 pages at 0x10000 from file offset 0, 8 pages at 0x40000 from file offset 16 pages. */
    private static PendingPages twoExtents() {
        PendingPages pending = new PendingPages();
        pending.add(new Extent(0x10000, 0x10000 + 16 * P, 0x10000, 0));
        pending.add(new Extent(0x40000, 0x40000 + 8 * P, 0x40000, 16 * P));
        return pending;
    }

    @Test
    void takingARangeSplitsTheExtentsItCutsAndKeepsTheirFileOffsets() {
        PendingPages pending = twoExtents();

        List<Extent> taken = pending.take(0x10000 + 4 * P, 0x40000 + 2 * P);

        assertEquals(List.of(new Extent(0x10000 + 4 * P, 0x10000 + 16 * P, 0x10000 + 4 * P, 4 * P),
                new Extent(0x40000, 0x40000 + 2 * P, 0x40000, 16 * P)), taken);
        assertEquals(4 + 6, pending.pages());
        assertEquals(new Extent(0x10000, 0x10000 + 4 * P, 0x10000, 0), pending.find(0x10000 + 3 * P));
        assertNull(pending.find(0x10000 + 4 * P), "taken pages are no longer pending");
        assertEquals(new Extent(0x40000 + 2 * P, 0x40000 + 8 * P, 0x40000 + 2 * P, 18 * P),
                pending.find(0x40000 + 7 * P));
        assertEquals(List.of(), pending.take(0x10000 + 4 * P, 0x40000 + 2 * P), "nothing is taken twice");
    }

    @Test
    void theBackgroundTakesFromTheLowestAddressInBoundedBatches() {
        PendingPages pending = twoExtents();

        assertEquals(List.of(new Extent(0x10000, 0x10000 + 10 * P, 0x10000, 0)), pending.takeFirst(10));
        assertEquals(List.of(new Extent(0x10000 + 10 * P, 0x10000 + 16 * P, 0x10000 + 10 * P, 10 * P)),
                pending.takeFirst(10), "a batch stays within one extent");
        assertEquals(8, pending.pages());
        pending.takeFirst(100);
        assertTrue(pending.isEmpty());
        assertEquals(List.of(), pending.takeFirst(10));
    }

    @Test
    void movedMemoryTakesItsPendingPagesAlongAndWhatWasAtTheTargetIsGone() {
        PendingPages pending = twoExtents();

        // mremap of the first 8 pages onto the start of the second extent
        pending.move(0x10000, 0x40000, 8 * P);

        Extent moved = pending.find(0x40000 + 3 * P);
        assertEquals(new Extent(0x40000, 0x40000 + 8 * P, 0x10000, 0), moved,
                "served from where the pages were in the image");
        assertNull(pending.find(0x10000), "nothing is pending at the old address");
        assertEquals(new Extent(0x10000 + 8 * P, 0x10000 + 16 * P, 0x10000 + 8 * P, 8 * P), pending.find(0x10000 + 8 * P));
        assertEquals(16, pending.pages(), "the target's own pending pages were replaced");
    }

    @Test
    void droppedMemoryIsNeverServedAndAForkedCopyIsIndependent() {
        PendingPages pending = twoExtents();
        PendingPages child = pending.copy();

        pending.drop(0x10000, 0x10000 + 16 * P);

        assertNull(pending.find(0x10000));
        assertEquals(8, pending.pages());
        assertEquals(24, child.pages(), "the child still lacks every page");
        assertThrows(IllegalArgumentException.class, () -> child.add(new Extent(0x40000 + 4 * P, 0x40000 + 12 * P,
                0, 0)), "pending extents never overlap");
    }

    @Test
    void theWorkingSetIsPrefetchedInFirstTouchOrderByBlocksJoinedIntoRuns() {
        long block = 16 * P;
        long[] pages = {5 * block + P, 5 * block + 3 * P, 6 * block, 7 * block, 2 * block + 7 * P, 4 * block,
            3 * block};

        List<long[]> runs = List.copyOf(UffdPageServer.prefetchRuns(pages));

        assertEquals(4, runs.size());
        assertEquals(List.of(5 * block, 8 * block), List.of(runs.get(0)[0], runs.get(0)[1]),
                "blocks 5, 6 and 7 were touched one after the other");
        assertEquals(List.of(2 * block, 3 * block), List.of(runs.get(1)[0], runs.get(1)[1]));
        assertEquals(List.of(4 * block, 5 * block), List.of(runs.get(2)[0], runs.get(2)[1]));
        assertEquals(List.of(3 * block, 4 * block), List.of(runs.get(3)[0], runs.get(3)[1]),
                "a block touched later stays later, even next to an earlier one");
    }
}
