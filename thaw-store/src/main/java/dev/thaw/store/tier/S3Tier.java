package dev.thaw.store.tier;

import dev.thaw.store.S3Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The durable tier in an S3-compatible bucket. Transient errors are retried by the SDK's standard retry
 * strategy (a few attempts, exponential back-off with jitter) within bounded call timeouts; what still fails
 * surfaces as an IOException naming the bucket, the operation and the key.
 */
public final class S3Tier implements Tier {
    private static final Logger LOG = LoggerFactory.getLogger(S3Tier.class);
    private static final int MAX_ATTEMPTS = 4;
    private static final int DELETE_BATCH = 1000; // S3's limit per DeleteObjects
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(45);

    private final S3Client client;
    private final String bucket;
    private final String description;
    /** Set once the server has refused DeleteObjects; from then on objects are deleted one by one. */
    private volatile boolean batchDeleteUnsupported;

    private S3Tier(S3Client client, String bucket, String description) {
        this.client = client;
        this.bucket = bucket;
        this.description = description;
    }

    /** Connects and checks that the bucket is there, so a misconfiguration shows at open. */
    public static S3Tier open(S3Location location) throws IOException {
        S3Client client = S3Client.builder()
                .endpointOverride(location.endpoint())
                .region(Region.of(location.region()))
                .forcePathStyle(location.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(location.accessKeyId(), location.secretAccessKey())))
                // Chunks and manifests carry their own GCM tags: send and check checksums only where S3 requires
                // them, since S3-compatible servers differ in which of the newer checksum headers they know.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .maxConnections(32))
                .overrideConfiguration(o -> o
                        .retryStrategy(b -> b.maxAttempts(MAX_ATTEMPTS))
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT))
                .build();
        S3Tier tier = new S3Tier(client, location.bucket(),
                "s3 " + location.endpoint() + " bucket " + location.bucket());
        try {
            client.headBucket(b -> b.bucket(location.bucket()));
        } catch (SdkException e) {
            client.close();
            throw tier.failure("HeadBucket", "", e);
        }
        return tier;
    }

    @Override
    public String name() {
        return "durable";
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(bytes.asByteArrayUnsafe());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("GetObject", key, e);
        }
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        try {
            client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(value));
        } catch (SdkException e) {
            throw failure("PutObject", key, e);
        }
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        if (!batchDeleteUnsupported) {
            try {
                deleteInBatches(keys);
                return;
            } catch (SdkException e) {
                if (!(e instanceof S3Exception s3 && s3.statusCode() == 501)) {
                    throw failure("DeleteObjects", keys.iterator().next() + " and " + (keys.size() - 1) + " more", e);
                }
                // The SDK always sends DeleteObjects an x-amz-checksum-crc32 header, which some S3-compatible
                // servers (S3Proxy among them) do not implement.
                batchDeleteUnsupported = true;
                LOG.warn("{} does not implement DeleteObjects as this SDK sends it ({}); deleting objects one by one",
                        description, e.getMessage());
            }
        }
        for (String key : keys) {
            try {
                client.deleteObject(b -> b.bucket(bucket).key(key));
            } catch (SdkException e) {
                throw failure("DeleteObject", key, e);
            }
        }
    }

    private void deleteInBatches(Collection<String> keys) throws IOException {
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
            DeleteObjectsResponse response = client.deleteObjects(b -> b.bucket(bucket)
                    .delete(Delete.builder().objects(batch).quiet(true).build()));
            if (!response.errors().isEmpty()) {
                var error = response.errors().get(0);
                throw new IOException(description + ": DeleteObjects failed for " + response.errors().size()
                        + " keys, e.g. " + error.key() + ": " + error.code() + " " + error.message());
            }
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                found.add(new StoredObject(object.key(), object.size()));
            }
        } catch (SdkException e) {
            throw failure("ListObjectsV2", prefix, e);
        }
        return found;
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // HEAD answers carry no error code, only the status
                return false;
            }
            throw failure("HeadObject", key, e);
        } catch (SdkException e) {
            throw failure("HeadObject", key, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return description;
    }

    private IOException failure(String operation, String key, SdkException e) {
        return new IOException(description + ": " + operation + " " + key + " failed after up to " + MAX_ATTEMPTS
                + " attempts: " + e.getMessage(), e);
    }
}
