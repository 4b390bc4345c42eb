package dev.thaw.worker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param dataDir           where environments keep their private /tmp and where function logs are written
 * @param runtimeJar        the thaw-runtime jar started inside every environment
 * @param concurrencyLimit  the global limit of concurrently busy environments
 * @param idleTimeout       idle environments are stopped after this long
 * @param initTimeout       limit for the init phase of an on-demand environment
 */
public record WorkerConfig(Path dataDir, Path runtimeJar, int concurrencyLimit, Duration idleTimeout,
                           Duration initTimeout) {
}
