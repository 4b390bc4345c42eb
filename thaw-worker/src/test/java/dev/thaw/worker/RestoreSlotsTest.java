package dev.thaw.worker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestoreSlotsTest {

    @Test
    void restoresBeyondTheSlotsWaitInArrivalOrder() throws Exception {
        RestoreSlots slots = new RestoreSlots(2);
        RestoreSlots.Slot first = slots.take();
        RestoreSlots.Slot second = slots.take();
        List<Integer> order = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        List<Thread> waiting = new ArrayList<>();
        for (int i = 3; i <= 4; i++) {
            int restore = i;
            waiting.add(Thread.ofPlatform().start(() -> {
                try (RestoreSlots.Slot slot = slots.take()) {
                    synchronized (order) {
                        order.add(restore);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            }));
            // The third queues before the fourth.
            while (waiting.getLast().getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
        }
        assertFalse(done.await(100, TimeUnit.MILLISECONDS), "no slot is free while both are held");

        // One slot comes free: it goes to the one that waited longest, then, given back, to the next.
        first.close();

        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(3, 4), order);
        second.close();
        assertEquals(2, slots.free());
    }

    @Test
    void aMachineHasAtLeastTwoSlots() {
        assertTrue(RestoreSlots.forThisMachine().free() >= 2);
        assertThrows(IllegalArgumentException.class, () -> new RestoreSlots(0));
    }
}
