package dev.thaw.store.tier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes an optional cache tier harmless when it is down or slow: a failure turns into a miss (or a skipped
 * write), and the tier is then left alone for a back-off that doubles with each failed retry, so a dead Redis
 * costs one timeout per back-off, not one per chunk. The first call after the back-off tries again, and a
 * success restores normal service.
 */
public final class BackoffTier implements Tier {
    private static final Logger LOG = LoggerFactory.getLogger(BackoffTier.class);
    private static final long FIRST_BACKOFF_NANOS = 500_000_000L;
    private static final long MAX_BACKOFF_NANOS = 5_000_000_000L;

    private final Tier delegate;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong skipUntilNanos = new AtomicLong(System.nanoTime());

    public BackoffTier(Tier delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Optional<byte[]> get(String key) {
        return call("get " + key, () -> delegate.get(key), Optional.empty());
    }

    @Override
    public void put(String key, byte[] value) {
        call("put " + key, () -> {
            delegate.put(key, value);
            return null;
        }, null);
    }

    /** A delete skipped while the tier is down leaves stale copies; the next reconcile removes them. */
    @Override
    public void delete(Collection<String> keys) {
        call("delete", () -> {
            delegate.delete(keys);
            return null;
        }, null);
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return call("list " + prefix, () -> delegate.list(prefix), List.of());
    }

    @Override
    public boolean exists(String key) {
        return call("exists " + key, () -> delegate.exists(key), false);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, Call<T> call, T whenUnavailable) {
        long deadlineSeen = skipUntilNanos.get();
        if (System.nanoTime() - deadlineSeen < 0) {
            return whenUnavailable;
        }
        try {
            T result = call.run();
            if (failures.getAndSet(0) > 0) {
                LOG.info("{} ({}) is back", delegate.name(), delegate);
            }
            return result;
        } catch (Exception e) {
            // Calls in flight together fail together: only the first of them extends the back-off.
            int failed = failures.get() + 1;
            long backoff = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(failed - 1, 10));
            if (skipUntilNanos.compareAndSet(deadlineSeen, System.nanoTime() + backoff)) {
                failures.set(failed);
                LOG.warn("{} ({}) failed on {}; skipping it for {} ms: {}", delegate.name(), delegate, what,
                        backoff / 1_000_000, e.getMessage());
            }
            return whenUnavailable;
        }
    }
}
