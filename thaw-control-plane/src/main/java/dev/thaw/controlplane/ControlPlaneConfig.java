package dev.thaw.controlplane;

import java.nio.file.Path;

/**
 * @param dataDir          root of the metadata database, the packages, the unpacked code and the runtime mapping
 * @param region           the region in every ARN
 * @param accountId        the account id in every ARN
 * @param concurrencyLimit the account's concurrency limit, which reserved concurrency is carved out of
 */
public record ControlPlaneConfig(Path dataDir, String region, String accountId, int concurrencyLimit) {
}
