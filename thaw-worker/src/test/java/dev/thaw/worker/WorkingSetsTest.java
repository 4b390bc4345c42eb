package dev.thaw.worker;

import dev.thaw.snapshot.MemoryLoading;
import dev.thaw.snapshot.WorkingSet;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The working set of a snapshot: refined by its first copies, then kept. */
class WorkingSetsTest {

    private static WorkingSet pages(long... addresses) {
        return new WorkingSet(Map.of(1, addresses));
    }

    @Test
    void firstCopiesRefineTheRecordInFirstTouchOrderThenItIsKept() {
        WorkingSets sets = new WorkingSets();
        assertTrue(sets.lazyPlan("fn", "s1").prefetch().isEmpty(), "nothing known before the first copy");
        assertEquals(MemoryLoading.LAZY, sets.lazyPlan("fn", "s1").loading());

        sets.touched("fn", "s1", pages(0x3000, 0x1000));
        sets.touched("fn", "s1", pages(0x1000, 0x5000));
        for (int copy = 3; copy <= WorkingSets.LEARNING_COPIES; copy++) {
            sets.touched("fn", "s1", pages(0x7000));
        }
        assertFalse(sets.learning("fn", "s1"));
        sets.touched("fn", "s1", pages(0x9000));

        assertArrayEquals(new long[] {0x3000, 0x1000, 0x5000, 0x7000}, sets.lazyPlan("fn", "s1").prefetch().of(1));
        assertTrue(sets.lazyPlan("fn", "s2").prefetch().isEmpty(), "each snapshot has its own record");
        assertTrue(sets.learning("other", "s1"));
    }
}
