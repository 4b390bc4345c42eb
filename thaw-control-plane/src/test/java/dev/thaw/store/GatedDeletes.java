package dev.thaw.store;

import dev.thaw.store.crypto.MasterKeys;
import dev.thaw.store.tier.Durable;
import dev.thaw.store.tier.StoredObject;
import dev.thaw.store.tier.Tier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A durable tier whose deletes wait until they are let through, as an S3 that answers slowly (or a back-off between
 * retries) keeps them waiting; everything else goes straight to the real tier. In this package to build a real
 * {@link SnapshotStore} around it.
 */
public final class GatedDeletes implements Tier {

    /** Where deletes wait: closed until opened, and it tells when a delete has arrived. */
    public static final class Gate {

        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);

        /** Blocks until a delete is waiting at the gate. */
        public void awaitArrival() throws InterruptedException {
            arrived.await();
        }

        /** Lets every delete, waiting or to come, through. */
        public void open() {
            opened.countDown();
        }

        private void pass() throws InterruptedIOException {
            arrived.countDown();
            try {
                opened.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted at the gate");
            }
        }
    }

    private final Tier tier;
    private final Gate gate;

    private GatedDeletes(Tier tier, Gate gate) {
        this.tier = tier;
        this.gate = gate;
    }

    /** A real store as {@link SnapshotStore#open} makes it for {@code config}, its durable deletes behind gate. */
    public static SnapshotStore store(StoreConfig config, Gate gate) throws StoreException {
        Tiers plain = Tiers.open(config);
        Tiers tiers = new Tiers(plain.l1(), plain.l2(), new Durable(new GatedDeletes(plain.durable().tier(), gate)));
        MasterKeys keys = MasterKeys.open(config.masterKeyFile(), config.storeDir().resolve("master.key"),
                tiers.durable());
        return new SnapshotStore(tiers, keys, new SimpleMeterRegistry());
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        gate.pass();
        tier.delete(keys);
    }

    @Override
    public String name() {
        return tier.name();
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        return tier.get(key);
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        tier.put(key, value);
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        return tier.list(prefix);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return tier.exists(key);
    }

    @Override
    public void close() {
        tier.close();
    }
}
