package dev.thaw.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cold-start part of a run measured.
 *
 * @param snapshotSizes   the default server's store statistics, one snapshot (version 1) per function
 * @param aotCacheWritten per function: whether the server logged writing its AOT cache before the timed starts
 */
record ColdStartResults(List<ColdStartSeries> series, List<PublishTime> publishes, List<SnapshotSize> snapshotSizes,
                        List<RestorePhases> restorePhases, Map<String, JdkInfo> runtimeJdks,
                        Map<String, Boolean> aotCacheWritten) {

    Optional<ColdStartSeries> series(String function, ColdStartMode mode) {
        return series.stream().filter(s -> s.function().equals(function) && s.mode() == mode).findFirst();
    }

    Optional<PublishTime> publish(String function, ColdStartMode mode) {
        return publishes.stream().filter(p -> p.function().equals(function) && p.mode() == mode).findFirst();
    }

    Optional<SnapshotSize> snapshotSize(String function) {
        return snapshotSizes.stream().filter(s -> s.function().equals(function)).findFirst();
    }
}
