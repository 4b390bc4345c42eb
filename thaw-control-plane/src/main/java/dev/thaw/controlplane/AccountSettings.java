package dev.thaw.controlplane;

/**
 * GetAccountSettings' numbers.
 *
 * @param concurrentExecutions           the server's concurrency limit
 * @param unreservedConcurrentExecutions what is left after every function's reserved concurrency
 * @param totalCodeSize                  bytes of the deployment packages of all versions
 */
public record AccountSettings(int concurrentExecutions, int unreservedConcurrentExecutions, long totalCodeSize,
                              long functionCount) {

    public static final long CODE_SIZE_ZIPPED = 52_428_800L;
    public static final long CODE_SIZE_UNZIPPED = ZipUnpacker.MAX_UNZIPPED_BYTES;
    public static final long TOTAL_CODE_SIZE = 80_530_636_800L;
}
