package dev.thaw.store;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/** S3Proxy in-process on a free loopback port, over jclouds' in-memory blob store, with one bucket. */
final class S3Server implements AutoCloseable {
    static final String BUCKET = "thaw-test";
    private static final String ACCESS_KEY = "thaw-test-access";
    private static final String SECRET_KEY = "thaw-test-secret";

    private final BlobStoreContext blobs;
    private final URI endpoint;
    private S3Proxy proxy;

    private S3Server(BlobStoreContext blobs, URI endpoint) {
        this.blobs = blobs;
        this.endpoint = endpoint;
    }

    static S3Server start() throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Server server = new S3Server(blobs, URI.create("http://127.0.0.1:" + FreePort.find()));
        server.restart();
        return server;
    }

    S3Location location() {
        return new S3Location(endpoint, BUCKET, "us-east-1", ACCESS_KEY, SECRET_KEY, true);
    }

    /** An SDK client of the bucket, for looking at and tampering with what the store wrote. */
    S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    void stop() throws Exception {
        proxy.stop();
    }

    /** Serves the same blobs again on the same port. */
    void restart() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobs.close();
    }
}
