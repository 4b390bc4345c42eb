package dev.thaw.faults.load;

/** What a load client does in one step, with how often it picks it relative to the others. */
enum Operation {
    INVOKE_LATEST(30),
    INVOKE_VERSION(20),
    /** Invokes the function whose reserved concurrency is 1, so that clients overlapping there are throttled. */
    INVOKE_LIMITED(14),
    /** Invokes a function the client created, whose first invocation is a cold start on demand. */
    INVOKE_OWN(6),
    UPDATE_CONFIGURATION(8),
    UPDATE_CODE(6),
    PUBLISH(4),
    CREATE(3),
    DELETE(3),
    /** Invokes a function the client deleted. */
    INVOKE_DELETED(3);

    final int weight;

    Operation(int weight) {
        this.weight = weight;
    }
}
