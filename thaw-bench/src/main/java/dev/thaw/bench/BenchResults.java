package dev.thaw.bench;

import java.util.List;
import java.util.Optional;

/**
 * Everything one run measured: what bench-results.json holds and bench-report.md shows.
 *
 * @param warm null when the run left out the function the warm invokes use
 */
record BenchResults(String startedAt, double totalSeconds, BenchOptions options, MachineInfo machine,
                    String loadAverageAtStart, MemoryBandwidth memoryBandwidth,
                    List<BenchFunction> functions, ColdStartResults coldStarts, List<PhysicalFloor> physicalFloors,
                    WarmInvokeBenchmark.Result warm, List<BurstRun.Result> bursts) {

    Optional<PhysicalFloor> floor(String function) {
        return physicalFloors.stream().filter(f -> f.function().equals(function)).findFirst();
    }
}
