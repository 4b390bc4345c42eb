package dev.thaw.bench;

/** The ways a function can start cold that the benchmark compares, each with its server configuration. */
enum ColdStartMode {
    ON_DEMAND("on-demand", "JVM start + init + invoke ($LATEST)", StartKind.ON_DEMAND),
    AOT_CACHE("on-demand + AOT cache", "JVM start from the JDK 25 AOT cache + init + invoke ($LATEST)",
            StartKind.ON_DEMAND),
    RESTORE("SnapStart restore", "restore of version 1, default server (prepared-image cache on; lazy: the copy "
            + "resumes before its anonymous memory is in)", StartKind.RESTORE),
    RESTORE_EAGER("eager restore", "restore of version 1 with --no-lazy-restore (prepared-image cache on): every "
            + "page is in before the copy resumes", StartKind.RESTORE),
    RESTORE_L1("restore from L1", "prepared-image cache off: snapshot read from the local cache tier",
            StartKind.RESTORE),
    RESTORE_L2("restore from L2 (Redis)", "prepared-image cache and L1 off: snapshot read from Redis",
            StartKind.RESTORE),
    RESTORE_DURABLE("restore from durable", "prepared-image cache, L1 and Redis off: snapshot read from the "
            + "durable directory", StartKind.RESTORE);

    private final String label;
    private final String description;
    private final StartKind expected;

    ColdStartMode(String label, String description, StartKind expected) {
        this.label = label;
        this.description = description;
        this.expected = expected;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    StartKind expected() {
        return expected;
    }

    boolean restores() {
        return expected == StartKind.RESTORE;
    }

    /** $LATEST for on-demand starts, the published SnapStart version for restores. */
    String target(BenchFunction function) {
        return restores() ? function.name() + ":1" : function.name();
    }
}
