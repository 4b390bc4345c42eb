package dev.thaw.faults.crash;

import java.time.Duration;
import java.util.Random;

/** One kill: which operation is in flight, and how long after it was sent the server dies. */
record Trial(int number, CrashOperation operation, Duration killAfter) {

    static Trial next(int number, Random random) {
        CrashOperation[] operations = CrashOperation.values();
        CrashOperation operation = operations[random.nextInt(operations.length)];
        return new Trial(number, operation, Duration.ofMillis(random.nextLong(operation.latestKill.toMillis() + 1)));
    }

    @Override
    public String toString() {
        return "trial " + number + ": kill -9 " + killAfter.toMillis() + " ms into " + operation;
    }
}
