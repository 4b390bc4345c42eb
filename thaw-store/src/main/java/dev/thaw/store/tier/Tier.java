package dev.thaw.store.tier;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** One place the store keeps objects, addressed by the same keys in every tier. */
public interface Tier extends AutoCloseable {
    /** {@code l1}, {@code l2} or {@code durable}: the tag on metrics and in fetch results. */
    String name();

    Optional<byte[]> get(String key) throws IOException;

    void put(String key, byte[] value) throws IOException;

    /** Deletes those of keys that exist. */
    void delete(Collection<String> keys) throws IOException;

    /** Every object whose key starts with prefix. */
    List<StoredObject> list(String prefix) throws IOException;

    boolean exists(String key) throws IOException;

    @Override
    void close();
}
