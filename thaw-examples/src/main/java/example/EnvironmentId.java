package example;

import java.util.UUID;

/**
 * Identifies the execution environment serving an invocation. Chosen once per JVM, so two invocations with
 * the same id ran in the same (warm) environment. The pid alone cannot tell: every environment may run in
 * its own PID namespace and see the same pid. Handlers use it only while they handle an invocation, so the
 * class is initialised then, after a SnapStart restore, and every restored copy chooses its own id.
 */
final class EnvironmentId {

    static final String VALUE = UUID.randomUUID().toString();

    private EnvironmentId() {
    }
}
