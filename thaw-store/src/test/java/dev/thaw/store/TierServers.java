package dev.thaw.store;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * A real Redis server and a real S3-compatible server for one test class: register it as a static field with
 * {@code @RegisterExtension}.
 */
final class TierServers implements BeforeAllCallback, AfterAllCallback {

    private RedisServer redis;
    private S3Server s3;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        redis = RedisServer.start();
        s3 = S3Server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** A store on every tier: local cache and directories under {@code dataDir}, Redis, S3, the given key. */
    StoreConfig allTiers(Path dataDir, Path masterKeyFile) {
        return StoreConfig.defaults(dataDir).withS3(s3.location()).withRedisUrl(redis.url())
                .withMasterKeyFile(masterKeyFile);
    }

    RedisServer redis() {
        return redis;
    }

    S3Server s3() {
        return s3;
    }
}
