package dev.thaw.controlplane;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each SnapStart version was last invoked, kept in memory because every invocation updates it; the inactivity
 * sweep writes it to the store now and then, and closing the control plane does too.
 */
final class LastInvocations {

    private final Map<VersionKey, Instant> unsaved = new ConcurrentHashMap<>();

    void record(VersionKey version) {
        unsaved.put(version, Instant.now());
    }

    /** The invocations recorded since the last drain, which are forgotten here (the caller saves them). */
    Map<VersionKey, Instant> drain() {
        Map<VersionKey, Instant> drained = new HashMap<>(unsaved);
        drained.forEach(unsaved::remove);
        return drained;
    }
}
