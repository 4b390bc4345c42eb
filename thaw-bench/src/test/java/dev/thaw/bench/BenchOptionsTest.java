package dev.thaw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void everyFunctionByDefault() {
        BenchOptions options = BenchOptions.parse(new String[0]);
        assertEquals(BenchFunction.all(), options.selectedFunctions());
        assertTrue(options.warm());
        assertTrue(options.burst());
    }

    @Test
    void selectedFunctionsKeepTheBenchmarksOrder() {
        BenchOptions options = BenchOptions.parse(new String[] {"--functions", "spring-boot-heavy, hello"});
        assertEquals(List.of("hello", "spring-boot-heavy"), options.functions());
        assertEquals(List.of(BenchFunction.HELLO, BenchFunction.SPRING_BOOT_HEAVY), options.selectedFunctions());
        assertTrue(options.warm());
        assertFalse(options.burst(), "the burst needs both Spring functions");
    }

    @Test
    void unknownOrMissingNamesAreRefused() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--functions", "hello,nope"}));
        assertTrue(unknown.getMessage().contains("unknown: nope"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--functions"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--functions", ","}));
    }
}
