package dev.thaw.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** One SDK client invoking the benchmark function, as one user of the API would. */
final class HelloInvoker implements AutoCloseable {

    private static final SdkBytes EVENT = SdkBytes.fromUtf8String("{\"name\":\"Bob\"}");

    private final LambdaClient client;
    private final String function;

    HelloInvoker(URI endpoint, String function) {
        this.client = LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(1)).build())
                // A retried invoke would be counted as one slow invoke; failures must surface instead.
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        this.function = function;
    }

    LambdaClient client() {
        return client;
    }

    /** Invokes once and returns the round-trip time in nanoseconds; fails on any function error. */
    long invoke() {
        long start = System.nanoTime();
        InvokeResponse response = client.invoke(r -> r.functionName(function).payload(EVENT));
        long elapsed = System.nanoTime() - start;
        if (response.functionError() != null) {
            throw new IllegalStateException("invoke failed: " + response.payload().asUtf8String());
        }
        return elapsed;
    }

    @Override
    public void close() {
        client.close();
    }
}
