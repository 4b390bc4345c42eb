package dev.thaw.worker;

import java.util.concurrent.Semaphore;

/**
 * How many copies the engine restores at once. A burst of restores beyond the machine's cores makes each one take
 * as long as all of them (they share CPU and memory bandwidth), until every one misses the restore timeout; taken in
 * turn, in arrival order, each is as fast as alone and the burst ends sooner. The wait is not restore time: it is
 * outside the restore's duration and timeout, and in the caller's latency.
 */
final class RestoreSlots {

    private final Semaphore slots;

    RestoreSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one restore slot");
        }
        this.slots = new Semaphore(slots, true);
    }

    /** One slot per core, and at least two, so that one restore's I/O overlaps another's copying. */
    static RestoreSlots forThisMachine() {
        return new RestoreSlots(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** Waits for a slot, first come first served. */
    Slot take() throws InterruptedException {
        slots.acquire();
        return slots::release;
    }

    int free() {
        return slots.availablePermits();
    }

    /** A slot held until closed. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
