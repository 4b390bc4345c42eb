package dev.thaw.controlplane.logs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterPatternTest {

    @Test
    void termsMustAllAppearCaseSensitively() {
        FilterPattern pattern = FilterPattern.parse("ERROR timeout");
        assertTrue(pattern.matches("ERROR: request timeout after 3 s"));
        assertFalse(pattern.matches("ERROR: request failed"));
        assertFalse(pattern.matches("error: request timeout"));
    }

    @Test
    void quotedPhrasesOptionalAndExcludedTerms() {
        assertTrue(FilterPattern.parse("\"Task timed out\"").matches("x Task timed out after 3.00 seconds"));
        assertFalse(FilterPattern.parse("\"Task timed out\"").matches("Task was timed out"));
        FilterPattern either = FilterPattern.parse("?ERROR ?WARN");
        assertTrue(either.matches("WARN low memory"));
        assertFalse(either.matches("INFO fine"));
        FilterPattern without = FilterPattern.parse("RequestId -REPORT");
        assertTrue(without.matches("START RequestId: 1"));
        assertFalse(without.matches("REPORT RequestId: 1"));
        assertTrue(FilterPattern.parse("  ").matches("anything"));
    }
}
