package dev.thaw.worker.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Things an environment needs that take a few process starts to make (a network namespace, a /tmp volume): a few
 * of each kind asked for are kept made in the background, so that a cold start takes one instead of waiting.
 * Nothing is ever reused: what is given back is released, in the background.
 *
 * @param <K> the kind (a size, say)
 * @param <T> the thing
 */
final class ReadyPool<K, T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyPool.class);
    private static final long CLOSE_SECONDS = 30;

    /** Makes one thing of a kind. */
    @FunctionalInterface
    interface Factory<K, T> {
        T create(K kind) throws IOException;
    }

    private final String name;
    private final int ready;
    private final Factory<K, T> factory;
    private final Consumer<T> releaser;
    private final Map<K, Deque<T>> made = new HashMap<>();
    private final ExecutorService background;
    private boolean closed;

    /** @param ready how many of each kind asked for are kept made */
    ReadyPool(String name, int ready, Factory<K, T> factory, Consumer<T> releaser) {
        this.name = name;
        this.ready = ready;
        this.factory = factory;
        this.releaser = releaser;
        this.background = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(name).factory());
    }

    /** Starts making {@code kind} ahead of the first {@link #take}. */
    void prepare(K kind) {
        refillLater(kind);
    }

    /** A thing of {@code kind}: one made ahead when there is one, else made now. */
    T take(K kind) throws IOException {
        T thing;
        synchronized (this) {
            Deque<T> ofKind = made.get(kind);
            thing = ofKind == null ? null : ofKind.poll();
        }
        refillLater(kind);
        return thing != null ? thing : factory.create(kind);
    }

    /** Releases a thing in the background (at once when closed). */
    void release(T thing) {
        try {
            background.execute(() -> releaser.accept(thing));
        } catch (RejectedExecutionException closing) {
            releaser.accept(thing);
        }
    }

    private void refillLater(K kind) {
        try {
            background.execute(() -> refill(kind));
        } catch (RejectedExecutionException closing) {
            // Nothing more is made once closed.
        }
    }

    /** Makes {@code kind} until {@link #ready} of it are made ahead. */
    private void refill(K kind) {
        while (true) {
            synchronized (this) {
                if (closed || made.computeIfAbsent(kind, k -> new ArrayDeque<>()).size() >= ready) {
                    return;
                }
            }
            T thing;
            try {
                thing = factory.create(kind);
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: cannot make one ahead: {}", name, e.getMessage());
                return;
            }
            boolean kept;
            synchronized (this) {
                kept = !closed;
                if (kept) {
                    made.get(kind).add(thing);
                }
            }
            if (!kept) {
                releaser.accept(thing);
                return;
            }
        }
    }

    /** Releases what was made ahead; waits for the background work, releases included. */
    @Override
    public void close() {
        Map<K, Deque<T>> left;
        synchronized (this) {
            closed = true;
            left = new HashMap<>(made);
            made.clear();
        }
        background.shutdown();
        left.values().forEach(things -> things.forEach(releaser));
        try {
            background.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
