package dev.thaw.crac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plain {@code org.crac} jar, as functions bundle it, finds this package through the system property the
 * runtime sets, and wraps each resource in a proxy implementing {@link Resource}.
 */
class OrgCracCompatTest {

    static {
        // As the runtime does before loading function code: org.crac.Core reads it once, when initialised.
        System.setProperty("org.crac.Core.Compat", Core.class.getPackageName());
    }

    private final List<String> calls = new ArrayList<>();
    private final List<org.crac.Resource> held = new ArrayList<>();

    /** A function's resource, written against org.crac only. */
    private final class UserResource implements org.crac.Resource {

        final String name;
        Exception beforeFailure;
        Runnable duringBefore = () -> { };

        UserResource(String name) {
            this.name = name;
        }

        @Override
        public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) throws Exception {
            calls.add("before " + name + contextNote(context));
            duringBefore.run();
            if (beforeFailure != null) {
                throw beforeFailure;
            }
        }

        @Override
        public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
            calls.add("restore " + name + contextNote(context));
        }
    }

    /** org.crac hands its own global context to the hooks, whatever context the runtime passes. */
    private static String contextNote(org.crac.Context<? extends org.crac.Resource> context) {
        return context == org.crac.Core.getGlobalContext() ? "" : " with " + context;
    }

    private UserResource registered(String name) {
        UserResource resource = new UserResource(name);
        held.add(resource);
        org.crac.Core.getGlobalContext().register(resource);
        return resource;
    }

    @Test
    void hooksRegisteredThroughOrgCracRunInOrderAndTheirExceptionsPassUnchanged() throws Exception {
        registered("A");
        UserResource b = registered("B");
        UserResource c = registered("C");
        b.duringBefore = () -> registered("late");
        Exception thrownByC = new IOException("cannot close the pool");
        c.beforeFailure = thrownByC;

        CheckpointException checkpoint = assertThrows(CheckpointException.class,
                () -> Core.getGlobalContext().beforeCheckpoint(null));
        assertArrayEquals(new Throwable[] {thrownByC}, checkpoint.getSuppressed(), "the hook's own exception");
        Core.getGlobalContext().afterRestore(null);

        assertEquals(List.of("before C", "before B", "before A", "before late",
                "restore A", "restore B", "restore C", "restore late"), calls);
    }

    @Test
    void checkpointOnRequestIsRefusedWithTheReason() {
        org.crac.CheckpointException thrown = assertThrows(org.crac.CheckpointException.class,
                org.crac.Core::checkpointRestore);
        assertEquals(1, thrown.getSuppressed().length);
        Throwable reason = thrown.getSuppressed()[0];
        assertSame(UnsupportedOperationException.class, reason.getClass());
        assertEquals("a function cannot request a checkpoint: "
                + "the snapshot of a SnapStart version is taken when the version is published", reason.getMessage());
    }
}
