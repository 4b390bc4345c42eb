package dev.thaw.worker;

import dev.thaw.snapshot.MemoryLoading;
import dev.thaw.snapshot.WorkingSet;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The working set of a snapshot: refined by its first copies, then kept with the snapshot. */
class WorkingSetsTest {

    /** Records kept in memory, counting writes and reads. */
    private static final class Kept implements WorkingSetRecords {
        final Map<String, WorkingSet> records = new HashMap<>();
        int saves;
        int loads;

        @Override
        public Optional<WorkingSet> load(String function, String snapshotId) {
            loads++;
            return Optional.ofNullable(records.get(function + "/" + snapshotId));
        }

        @Override
        public void save(String function, String snapshotId, WorkingSet record) {
            saves++;
            records.put(function + "/" + snapshotId, record);
        }
    }

    private static WorkingSet pages(long... addresses) {
        return new WorkingSet(Map.of(1, addresses));
    }

    @Test
    void firstCopiesRefineTheRecordInFirstTouchOrderThenItIsKeptOnce() {
        Kept kept = new Kept();
        WorkingSets sets = new WorkingSets(kept);
        assertTrue(sets.lazyPlan("fn", "s1").prefetch().isEmpty(), "nothing known before the first copy");
        assertEquals(MemoryLoading.LAZY, sets.lazyPlan("fn", "s1").loading());

        sets.touched("fn", "s1", pages(0x3000, 0x1000));
        sets.touched("fn", "s1", pages(0x1000, 0x5000));
        assertEquals(0, kept.saves, "not kept while it is being refined");
        for (int copy = 3; copy <= WorkingSets.LEARNING_COPIES; copy++) {
            sets.touched("fn", "s1", pages(0x7000));
        }
        assertFalse(sets.learning("fn", "s1"));
        sets.touched("fn", "s1", pages(0x9000));

        long[] expected = {0x3000, 0x1000, 0x5000, 0x7000};
        assertArrayEquals(expected, sets.lazyPlan("fn", "s1").prefetch().of(1));
        assertEquals(1, kept.saves);
        assertArrayEquals(expected, kept.records.get("fn/s1").of(1));
        assertTrue(sets.lazyPlan("fn", "s2").prefetch().isEmpty(), "each snapshot has its own record");
        assertTrue(sets.learning("other", "s1"));
    }

    @Test
    void aRecordKeptWithTheSnapshotIsUsedAsItIsAndReadOnce() {
        Kept kept = new Kept();
        kept.records.put("fn/s1", pages(0x4000));
        WorkingSets sets = new WorkingSets(kept);

        assertArrayEquals(new long[] {0x4000}, sets.lazyPlan("fn", "s1").prefetch().of(1));
        assertFalse(sets.learning("fn", "s1"));
        sets.touched("fn", "s1", pages(0x8000));

        assertArrayEquals(new long[] {0x4000}, sets.lazyPlan("fn", "s1").prefetch().of(1));
        assertEquals(1, kept.loads);
        assertEquals(0, kept.saves);
    }
}
