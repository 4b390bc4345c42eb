package dev.thaw.worker.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadyPoolTest {

    private final AtomicInteger made = new AtomicInteger();
    private final List<String> released = new CopyOnWriteArrayList<>();

    private ReadyPool<Integer, String> pool(int ready) {
        return new ReadyPool<>("test-pool", ready, kind -> kind + "-" + made.incrementAndGet(), released::add);
    }

    private void awaitMade(int count) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (made.get() < count && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        assertEquals(count, made.get());
    }

    @Test
    void keepsTheAskedNumberOfEachKindMadeAheadAndNeverHandsOneOutTwice() throws Exception {
        try (ReadyPool<Integer, String> pool = pool(2)) {
            pool.prepare(512);
            awaitMade(2);
            String first = pool.take(512);
            String second = pool.take(512);
            assertTrue(first.startsWith("512-") && second.startsWith("512-"));
            assertNotEquals(first, second);
            // Each take is followed by a refill.
            awaitMade(4);
        }
    }

    @Test
    void anUnknownKindIsMadeOnTheSpotThenKeptReady() throws Exception {
        try (ReadyPool<Integer, String> pool = pool(1)) {
            assertTrue(pool.take(1024).startsWith("1024-"));
            awaitMade(2);
            assertTrue(pool.take(1024).startsWith("1024-"));
        }
    }

    @Test
    void closingReleasesWhatWasMadeAheadAndWhatIsGivenBackAfterwards() throws Exception {
        ReadyPool<Integer, String> pool = pool(2);
        pool.prepare(512);
        awaitMade(2);
        String taken = pool.take(512);
        pool.close();
        assertEquals(made.get() - 1, released.size(), "everything but the one taken is released");
        pool.release(taken);
        assertTrue(released.contains(taken));
    }

    @Test
    void aFailureToMakeOneAheadIsNotTheTakersFailureUnlessMakingItNowFailsToo() {
        try (ReadyPool<Integer, String> pool = new ReadyPool<>("failing", 1, kind -> {
            throw new IOException("no room");
        }, released::add)) {
            pool.prepare(512);
            IOException e = assertThrows(IOException.class, () -> pool.take(512));
            assertEquals("no room", e.getMessage());
        }
    }
}
