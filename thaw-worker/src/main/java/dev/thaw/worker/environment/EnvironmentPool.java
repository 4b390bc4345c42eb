package dev.thaw.worker.environment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * All environments of a worker: the idle ones by key, ready for warm starts, and the busy ones. Each runs one
 * invocation at a time. Idle environments are reaped after the idle timeout; dead and discarded ones are stopped,
 * never reused. Which revision of a function is current is the control plane's to say ({@link #discard(String,
 * String)} when it changes): revision ids carry no order, and a request still holding an older one may arrive after
 * the newer one's.
 */
public final class EnvironmentPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentPool.class);
    private static final long STOPPER_PATIENCE_SECONDS = 30;

    private final long idleTimeoutNanos;
    private final Map<EnvironmentKey, Deque<Environment>> idle = new HashMap<>();
    private final Set<Environment> all = new HashSet<>();
    private final ScheduledExecutorService reaper;
    private final ExecutorService stopper = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("environment-stopper-", 0).factory());
    /** Environments added and not yet stopped (busy, idle or waiting to be stopped): their processes may exist. */
    private final AtomicInteger unstopped = new AtomicInteger();
    private boolean closed;

    public EnvironmentPool(Duration idleTimeout) {
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.reaper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("environment-reaper").factory());
        long periodMs = Math.clamp(idleTimeout.toMillis() / 4, 10, 10_000);
        reaper.scheduleWithFixedDelay(this::reapIdle, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** An idle environment for {@code key}, now busy, or null. */
    public Environment takeIdle(EnvironmentKey key) {
        List<Environment> dead = new ArrayList<>();
        Environment taken = null;
        synchronized (this) {
            checkOpen();
            Deque<Environment> candidates = idle.get(key);
            while (taken == null && candidates != null && !candidates.isEmpty()) {
                // Most recently used first: the others age towards reaping.
                Environment candidate = candidates.pollFirst();
                if (candidate.usable()) {
                    taken = candidate;
                } else {
                    all.remove(candidate);
                    dead.add(candidate);
                }
            }
            if (candidates != null && candidates.isEmpty()) {
                idle.remove(key);
            }
        }
        stopAll(dead, "its runtime exited while idle");
        return taken;
    }

    /** Adds a newly started (busy) environment. */
    public void add(Environment environment) {
        unstopped.incrementAndGet();
        synchronized (this) {
            if (!closed) {
                all.add(environment);
                return;
            }
        }
        stop(environment, "the worker is closing");
        throw new IllegalStateException("worker is closed");
    }

    /** Ends a busy environment's invocation: it becomes idle, or is stopped when it cannot be reused. */
    public void release(Environment environment) {
        String why;
        synchronized (this) {
            why = unusableReason(environment);
            if (why == null) {
                environment.markIdle();
                idle.computeIfAbsent(environment.key(), k -> new ArrayDeque<>()).addFirst(environment);
                return;
            }
            all.remove(environment);
        }
        // The invocation's answer need not wait for the environment's teardown (killing, cgroup and files).
        try {
            stopper.execute(() -> stop(environment, why));
        } catch (RejectedExecutionException closing) {
            stop(environment, why);
        }
    }

    private String unusableReason(Environment environment) {
        if (closed) {
            return "the worker is closing";
        }
        if (idleTimeoutNanos == 0) {
            return "environments are not kept warm (idle timeout 0)";
        }
        return environment.usable() ? null : "it cannot be reused";
    }

    /** Stops a busy environment that must not be reused. */
    public void discard(Environment environment, String why) {
        synchronized (this) {
            all.remove(environment);
        }
        stop(environment, why);
    }

    /** Stops the idle environments of a function (or of one version) and retires its busy ones. */
    public void discard(String functionName, String version) {
        List<Environment> stopped = new ArrayList<>();
        synchronized (this) {
            removeIdle(e -> e.key().sameVersion(functionName, version), stopped);
            for (Environment environment : all) {
                if (environment.key().sameVersion(functionName, version)) {
                    environment.retire();
                }
            }
        }
        stopAll(stopped, "its function was discarded");
    }

    void reapIdle() {
        long now = System.nanoTime();
        List<Environment> expired = new ArrayList<>();
        synchronized (this) {
            removeIdle(e -> now - e.idleSinceNanos() >= idleTimeoutNanos, expired);
        }
        for (Environment environment : expired) {
            long idleMs = TimeUnit.NANOSECONDS.toMillis(now - environment.idleSinceNanos());
            if (stopped(environment)) {
                LOG.info("reaped environment {} of {}:{} after {} ms idle", environment.id(),
                        environment.key().functionName(), environment.key().version(), idleMs);
            }
        }
    }

    private void removeIdle(Predicate<Environment> which, List<Environment> removed) {
        for (Iterator<Deque<Environment>> queues = idle.values().iterator(); queues.hasNext(); ) {
            Deque<Environment> queue = queues.next();
            for (Iterator<Environment> it = queue.iterator(); it.hasNext(); ) {
                Environment environment = it.next();
                if (which.test(environment)) {
                    it.remove();
                    all.remove(environment);
                    removed.add(environment);
                }
            }
            if (queue.isEmpty()) {
                queues.remove();
            }
        }
    }

    private void stopAll(List<Environment> environments, String why) {
        for (Environment environment : environments) {
            stop(environment, why);
        }
    }

    private void stop(Environment environment, String why) {
        if (stopped(environment)) {
            LOG.info("discarded environment {} of {}:{}: {}", environment.id(), environment.key().functionName(),
                    environment.key().version(), why);
        }
    }

    /** Stops the environment; true when this call stopped it. */
    private boolean stopped(Environment environment) {
        if (!environment.stop()) {
            return false;
        }
        unstopped.decrementAndGet();
        return true;
    }

    /** How many environments were added and are not stopped yet. */
    public int unstopped() {
        return unstopped.get();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("worker is closed");
        }
    }

    /** Stops every environment, busy ones included. */
    @Override
    public void close() {
        List<Environment> everything;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            everything = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        reaper.shutdownNow();
        stopAll(everything, "the worker is closing");
        stopper.shutdown();
        try {
            if (!stopper.awaitTermination(STOPPER_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("environments released before the close are still being stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
