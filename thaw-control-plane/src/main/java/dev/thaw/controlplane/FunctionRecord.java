package dev.thaw.controlplane;

import java.util.Map;

/**
 * What belongs to a function as a whole rather than to one of its versions.
 *
 * @param lastVersion         the highest version number ever published; numbers are never reused
 * @param reservedConcurrency null when none is reserved
 */
public record FunctionRecord(String name, int lastVersion, Integer reservedConcurrency, Map<String, String> tags) {

    public FunctionRecord {
        tags = Map.copyOf(tags);
    }
}
