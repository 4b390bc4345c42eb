package dev.thaw.crac;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The global context: resources are notified before a checkpoint in reverse order of registration (the last
 * one set up is the first torn down) and after a restore in order of registration.
 *
 * <p>Registrations are weak, as in jdk.crac and Lambda's runtime, so registering never keeps an object alive:
 * a resource nothing else references is dropped unnotified. From beforeCheckpoint to afterRestore the notified
 * resources are held strongly, so each one told of the checkpoint is told of the restore too.
 *
 * <p>Registering takes a lock of its own, never the one notifications hold, so a hook may register resources
 * or wait for a thread that does. A resource registered during beforeCheckpoint is notified in the same pass,
 * after those already under way: it missed its turn, but tearing it down late beats leaving it out of the
 * snapshot's preparation. One registered during afterRestore was created after the restore, so it has nothing
 * to restore; it takes part from the next checkpoint on.
 */
final class OrderedContext extends Context<Resource> {

    private final Object registrationLock = new Object();
    private final List<Registration> registrations = new ArrayList<>();
    private final ReferenceQueue<Resource> collected = new ReferenceQueue<>();
    private long nextSequence;

    private final Object notificationLock = new Object();
    /** The resources of the last beforeCheckpoint pass in registration order, until afterRestore. */
    private List<Resource> awaitingRestore = List.of();

    @Override
    public void register(Resource resource) {
        Objects.requireNonNull(resource, "resource");
        synchronized (registrationLock) {
            if (collected.poll() != null) {
                while (collected.poll() != null) {
                    // drained: one sweep below covers every collected resource
                }
                registrations.removeIf(registration -> registration.get() == null);
            }
            registrations.add(new Registration(resource, nextSequence++, collected));
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
        synchronized (notificationLock) {
            List<Resource> notified = new ArrayList<>();
            awaitingRestore = notified;
            CheckpointException failures = new CheckpointException();
            long unseen = 0;
            while (true) {
                List<Resource> batch;
                synchronized (registrationLock) {
                    batch = liveRegisteredFrom(unseen);
                    unseen = nextSequence;
                }
                if (batch.isEmpty()) {
                    break;
                }
                notified.addAll(batch);
                for (int i = batch.size() - 1; i >= 0; i--) {
                    try {
                        batch.get(i).beforeCheckpoint(this);
                    } catch (Exception e) {
                        collect(e, CheckpointException.class, failures);
                    }
                }
            }
            if (failures.getSuppressed().length > 0) {
                throw failures;
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        synchronized (notificationLock) {
            List<Resource> resources = awaitingRestore;
            awaitingRestore = List.of();
            RestoreException failures = new RestoreException();
            for (Resource resource : resources) {
                try {
                    resource.afterRestore(this);
                } catch (Exception e) {
                    collect(e, RestoreException.class, failures);
                }
            }
            if (failures.getSuppressed().length > 0) {
                throw failures;
            }
        }
    }

    /**
     * The resources still alive among those registered from {@code sequence} on, in registration order.
     * Called holding registrationLock.
     */
    private List<Resource> liveRegisteredFrom(long sequence) {
        List<Resource> live = new ArrayList<>();
        for (Registration registration : registrations) {
            Resource resource = registration.get();
            if (registration.sequence >= sequence && resource != null) {
                live.add(resource);
            }
        }
        return live;
    }

    /** A nested context's exception stands for the failures it collected; those are reported one by one. */
    private static void collect(Exception failure, Class<? extends Exception> nestedType, Exception failures) {
        Throwable[] nested = nestedType.isInstance(failure) ? failure.getSuppressed() : new Throwable[0];
        if (nested.length == 0) {
            failures.addSuppressed(failure);
        }
        for (Throwable t : nested) {
            failures.addSuppressed(t);
        }
    }

    private static final class Registration extends WeakReference<Resource> {

        final long sequence;

        Registration(Resource resource, long sequence, ReferenceQueue<Resource> collected) {
            super(resource, collected);
            this.sequence = sequence;
        }
    }
}
