package dev.thaw.snapshot;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkingSetTest {

    @Test
    void bytesKeepEveryTasksPagesInFirstTouchOrder() throws Exception {
        WorkingSet set = new WorkingSet(Map.of(1, new long[] {0x7f00_1234_5000L, 0x1000, 0x7f00_1234_4000L},
                42, new long[] {0xe000_0000L}));

        WorkingSet read = WorkingSet.fromBytes(set.toBytes());

        assertArrayEquals(set.of(1), read.of(1));
        assertArrayEquals(set.of(42), read.of(42));
        assertEquals(4, read.pageCount());
        assertEquals(0, WorkingSet.fromBytes(WorkingSet.NONE.toBytes()).pageCount());
    }

    @Test
    void unionKeepsTheFirstRecordsOrderAndAddsOnlyNewPages() {
        WorkingSet first = new WorkingSet(Map.of(1, new long[] {0x3000, 0x1000}));
        WorkingSet later = new WorkingSet(Map.of(1, new long[] {0x1000, 0x2000}, 2, new long[] {0x9000}));

        WorkingSet union = first.union(later);

        assertArrayEquals(new long[] {0x3000, 0x1000, 0x2000}, union.of(1));
        assertArrayEquals(new long[] {0x9000}, union.of(2));
    }

    @Test
    void rejectsBytesThatAreNotARecord() {
        byte[] whole = new WorkingSet(Map.of(1, new long[] {0x1000, 0x2000})).toBytes();
        assertThrows(WorkingSet.UnreadableException.class,
                () -> WorkingSet.fromBytes(Arrays.copyOf(whole, whole.length - 1)));
        assertThrows(WorkingSet.UnreadableException.class, () -> WorkingSet.fromBytes(new byte[] {9}));
        assertThrows(WorkingSet.UnreadableException.class,
                () -> WorkingSet.fromBytes(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}));
    }
}
