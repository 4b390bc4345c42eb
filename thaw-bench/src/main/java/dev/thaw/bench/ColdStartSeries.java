package dev.thaw.bench;

/**
 * One function's timed cold starts of one kind: first-response latencies, client side.
 *
 * @param jdk        the JDK the function's runtime ran on
 * @param samplesMs  every latency in the order measured
 */
record ColdStartSeries(String function, ColdStartMode mode, String runtime, String jdk, LatencyStats latency,
                       double[] samplesMs) {
}
