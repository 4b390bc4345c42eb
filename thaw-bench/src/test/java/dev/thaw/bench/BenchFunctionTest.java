package dev.thaw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchFunctionTest {

    @Test
    void onlyTheCatalogServiceGetsMoreMemoryAndAnEventOfItsOwn() {
        for (BenchFunction function : BenchFunction.all()) {
            boolean heavy = function.equals(BenchFunction.SPRING_BOOT_HEAVY);
            assertEquals(heavy ? 1024 : BenchFunction.DEFAULT_MEMORY_MB, function.memoryMb(), function.name());
            assertEquals(heavy, !function.event().equals(BenchFunction.DEFAULT_EVENT), function.name());
        }
    }
}
