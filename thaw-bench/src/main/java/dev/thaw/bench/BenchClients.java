package dev.thaw.bench;

import dev.thaw.api.auth.AccessKey;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Builds the SDK clients the benchmark uses, the way a user points one at Thaw. */
final class BenchClients {

    /** Longer than any function's timeout, so that a slow answer is measured rather than cut off. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(BenchServer.FUNCTION_TIMEOUT_SECONDS + 60);

    private BenchClients() {
    }

    /**
     * @param key            the server's key, which the client signs with
     * @param maxConnections requests this client can have in flight at once: one per concurrent caller
     */
    static LambdaClient forEndpoint(URI endpoint, AccessKey key, int maxConnections) {
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(),
                        key.secretAccessKey())))
                .httpClient(Apache5HttpClient.builder()
                        .maxConnections(maxConnections)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                // A retried invoke would be counted as one slow invoke; failures must surface instead.
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
