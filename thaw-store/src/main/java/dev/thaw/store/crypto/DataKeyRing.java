package dev.thaw.store.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.store.StoreException;
import dev.thaw.store.format.ObjectKeys;
import dev.thaw.store.tier.Durable;
import dev.thaw.store.tier.StoredObject;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each function's random 256-bit data key, stored wrapped by the master key in the durable tier as
 * {@code keys/<function>} and kept unwrapped in memory once used.
 */
public final class DataKeyRing {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Durable durable;
    private final MasterKeys masters;
    private final Map<String, SecretKey> unwrapped = new ConcurrentHashMap<>();

    public DataKeyRing(Durable durable, MasterKeys masters) {
        this.durable = durable;
        this.masters = masters;
    }

    /** The function's data key; a function with none has nothing stored that it could open. */
    public SecretKey existing(String function) throws StoreException {
        SecretKey key = unwrapped.get(function);
        if (key != null) {
            return key;
        }
        return load(function).orElseThrow(() ->
                new StoreException("function " + function + " has no data key in the durable tier"));
    }

    /** The function's data key, created and stored on its first put. */
    public synchronized SecretKey getOrCreate(String function) throws StoreException {
        SecretKey key = unwrapped.get(function);
        if (key != null) {
            return key;
        }
        Optional<SecretKey> stored = load(function);
        if (stored.isPresent()) {
            return stored.get();
        }
        SecretKey created = AesGcm.newKey();
        durable.put(ObjectKeys.dataKey(function), wrap(function, created, masters.current()));
        unwrapped.put(function, created);
        return created;
    }

    public void forget(String function) {
        unwrapped.remove(function);
    }

    /** Re-wraps every data key not yet wrapped by target (chunks are untouched); answers how many it re-wrapped. */
    public int rewrapAll(MasterKey target) throws StoreException {
        int rewrapped = 0;
        for (StoredObject object : durable.list(ObjectKeys.KEYS)) {
            String function = ObjectKeys.functionOf(object.key());
            WrappedDataKey record = read(function, durable.get(object.key()).orElseThrow(() ->
                    new StoreException("data key " + object.key() + " vanished during a master key rotation")));
            if (!record.masterKeyId().equals(target.id())) {
                durable.put(object.key(), wrap(function, unwrap(function, record), target));
                rewrapped++;
            }
        }
        return rewrapped;
    }

    private Optional<SecretKey> load(String function) throws StoreException {
        Optional<byte[]> stored = durable.get(ObjectKeys.dataKey(function));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        SecretKey key = unwrap(function, read(function, stored.get()));
        unwrapped.put(function, key);
        return Optional.of(key);
    }

    private SecretKey unwrap(String function, WrappedDataKey record) throws StoreException {
        MasterKey master = masters.byId(record.masterKeyId()).orElseThrow(() -> new StoreException(
                "the data key of function " + function + " is wrapped by master key " + record.masterKeyId()
                        + ", but this store's master key is " + masters.current().id()
                        + ": wrong master key file, or the keys were rotated to another master key"));
        try {
            byte[] sealed = Base64.getDecoder().decode(record.sealedKey());
            return AesGcm.key(AesGcm.open(master.key(), sealed, Aad.dataKey(function)));
        } catch (IntegrityException | IllegalArgumentException e) {
            throw new StoreException("the data key of function " + function + " does not open under master key "
                    + master.id() + ": " + ObjectKeys.dataKey(function) + " is corrupt", e);
        }
    }

    private static byte[] wrap(String function, SecretKey dataKey, MasterKey master) {
        byte[] sealed = AesGcm.seal(master.key(), dataKey.getEncoded(), Aad.dataKey(function));
        WrappedDataKey record = new WrappedDataKey(WrappedDataKey.FORMAT, master.id(),
                Base64.getEncoder().encodeToString(sealed));
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("a record always serialises", e);
        }
    }

    private static WrappedDataKey read(String function, byte[] json) throws StoreException {
        try {
            WrappedDataKey record = JSON.readValue(json, WrappedDataKey.class);
            if (record.format() != WrappedDataKey.FORMAT || record.masterKeyId() == null
                    || record.sealedKey() == null) {
                throw new StoreException(ObjectKeys.dataKey(function) + " is not a wrapped data key");
            }
            return record;
        } catch (IOException e) {
            throw new StoreException(ObjectKeys.dataKey(function) + " is corrupt: " + e.getMessage(), e);
        }
    }
}
