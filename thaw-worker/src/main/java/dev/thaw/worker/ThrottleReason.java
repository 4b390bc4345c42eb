package dev.thaw.worker;

/** Why an invocation was throttled: the values of Lambda's {@code ThrottleReason} that Thaw answers. */
public enum ThrottleReason {
    /** The account's unreserved concurrency (this server's share of it, among servers sharing a database). */
    CONCURRENT_INVOCATION_LIMIT_EXCEEDED("ConcurrentInvocationLimitExceeded"),
    /** The function's reserved concurrency. */
    RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED("ReservedFunctionConcurrentInvocationLimitExceeded");

    private final String lambdaName;

    ThrottleReason(String lambdaName) {
        this.lambdaName = lambdaName;
    }

    /** The name a TooManyRequestsException's {@code Reason} carries. */
    public String lambdaName() {
        return lambdaName;
    }
}
