package dev.thaw.controlplane;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConcurrencyServiceTest {

    @TempDir
    Path dataDir;

    @Test
    void reservationsComeOutOfTheAccountLimit() {
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            ConcurrencyService concurrency = fixture.controlPlane.concurrency();
            fixture.create("a", TestPackages.zip("a"));
            fixture.create("b", TestPackages.zip("b"));
            concurrency.put(FunctionRef.parse("a"), 5);
            assertEquals(ControlPlaneFixture.CONCURRENCY_LIMIT - 5,
                    concurrency.accountSettings().unreservedConcurrentExecutions());

            LambdaException tooMuch = assertThrows(LambdaException.class,
                    () -> concurrency.put(FunctionRef.parse("b"), ControlPlaneFixture.CONCURRENCY_LIMIT - 4));
            assertEquals("InvalidParameterValueException", tooMuch.type());
            concurrency.put(FunctionRef.parse("a"), ControlPlaneFixture.CONCURRENCY_LIMIT);

            concurrency.delete(FunctionRef.parse("a"));
            assertNull(concurrency.get(FunctionRef.parse("a")));
            assertEquals(2, concurrency.accountSettings().functionCount());
        }
    }
}
