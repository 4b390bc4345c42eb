package dev.thaw.worker;

/** What an environment's own network namespace connects to. The host's loopback services are never reachable. */
public enum FunctionNetwork {
    /** Outbound connections to the outside world (and DNS), through a user-mode network stack on the host. */
    EGRESS,
    /** Loopback inside the environment only. */
    NONE
}
