package dev.thaw.store.tier;

import dev.thaw.store.StoreException;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The durable tier as the store uses it: the source of truth, so its failures fail the operation. */
public final class Durable {
    private final Tier tier;

    public Durable(Tier tier) {
        this.tier = tier;
    }

    public Tier tier() {
        return tier;
    }

    public Optional<byte[]> get(String key) throws StoreException {
        try {
            return tier.get(key);
        } catch (IOException e) {
            throw failure("read " + key, e);
        }
    }

    public void put(String key, byte[] value) throws StoreException {
        try {
            tier.put(key, value);
        } catch (IOException e) {
            throw failure("write " + key, e);
        }
    }

    public void delete(Collection<String> keys) throws StoreException {
        try {
            tier.delete(keys);
        } catch (IOException e) {
            throw failure("delete " + keys.size() + " objects", e);
        }
    }

    public List<StoredObject> list(String prefix) throws StoreException {
        try {
            return tier.list(prefix);
        } catch (IOException e) {
            throw failure("list " + prefix, e);
        }
    }

    public boolean exists(String key) throws StoreException {
        try {
            return tier.exists(key);
        } catch (IOException e) {
            throw failure("look up " + key, e);
        }
    }

    private StoreException failure(String what, IOException e) {
        return new StoreException("durable tier (" + tier + ") cannot " + what + ": " + e.getMessage(), e);
    }
}
