package dev.thaw.store.tier;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisURIHelper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * L2: a Redis shared by the workers, keys prefixed {@code thaw:}. Every call is bounded by the timeout and
 * fails with an IOException; {@link BackoffTier} decides what a failure means for the store. Size Redis with
 * {@code maxmemory} and an {@code allkeys-lru} policy: the store sets no TTLs.
 */
public final class RedisTier implements Tier {
    private static final String PREFIX = "thaw:";
    private static final int MAX_CONNECTIONS = 32;

    private final RedisClient client;
    private final String address;

    private RedisTier(RedisClient client, String address) {
        this.client = client;
        this.address = address;
    }

    /** Connects lazily: a Redis that is down now is no reason not to start. */
    public static RedisTier connect(String url, Duration timeout) {
        URI uri = URI.create(url);
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalArgumentException("not a redis:// URL: " + url);
        }
        int millis = Math.toIntExact(timeout.toMillis());
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder(uri)
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxWait(timeout); // an exhausted pool must not hold a fetch up longer than a slow Redis would
        RedisClient client = RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(uri))
                .clientConfig(config)
                .poolConfig(pool)
                .build();
        return new RedisTier(client, uri.getHost() + ":" + uri.getPort());
    }

    @Override
    public String name() {
        return "l2";
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.ofNullable(client.get(redisKey(key)));
        } catch (JedisException e) {
            throw failure("GET " + key, e);
        }
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        try {
            client.set(redisKey(key), value);
        } catch (JedisException e) {
            throw failure("SET " + key, e);
        }
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        try {
            client.del(keys.stream().map(RedisTier::redisKey).toArray(byte[][]::new));
        } catch (JedisException e) {
            throw failure("DEL of " + keys.size() + " keys", e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> found = new ArrayList<>();
        ScanParams params = new ScanParams().match(redisKey(prefix + "*")).count(1000);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        try {
            ScanResult<byte[]> page;
            do {
                page = client.scan(cursor, params);
                for (byte[] key : page.getResult()) {
                    found.add(new StoredObject(new String(key, StandardCharsets.UTF_8).substring(PREFIX.length()),
                            client.strlen(key)));
                }
                cursor = page.getCursorAsBytes();
            } while (!page.isCompleteIteration());
        } catch (JedisException e) {
            throw failure("SCAN " + prefix, e);
        }
        return found;
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            return client.exists(redisKey(key));
        } catch (JedisException e) {
            throw failure("EXISTS " + key, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "redis " + address;
    }

    private static byte[] redisKey(String key) {
        return (PREFIX + key).getBytes(StandardCharsets.UTF_8);
    }

    private IOException failure(String what, JedisException e) {
        return new IOException("redis " + address + ": " + what + " failed: " + e.getMessage(), e);
    }
}
