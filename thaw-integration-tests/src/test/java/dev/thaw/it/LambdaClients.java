package dev.thaw.it;

import dev.thaw.api.tls.PemTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Builds the SDK client the way a user points it at Thaw. */
public final class LambdaClients {

    private LambdaClients() {
    }

    /** A client signing with a profile of a shared-credentials file, read by the SDK as a user's would be. */
    public static LambdaClient forEndpoint(URI endpoint, Path credentialsFile, String profile, Optional<Path> caBundle) {
        return forEndpoint(endpoint, ProfileCredentialsProvider.builder()
                .profileFile(ProfileFile.builder().content(credentialsFile).type(ProfileFile.Type.CREDENTIALS).build())
                .profileName(profile)
                .build(), caBundle);
    }

    /** The CloudWatch Logs client of a user signing with the default profile of a shared-credentials file. */
    public static CloudWatchLogsClient logsForEndpoint(URI endpoint, Path credentialsFile) {
        return CloudWatchLogsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(ProfileCredentialsProvider.builder()
                        .profileFile(ProfileFile.builder().content(credentialsFile)
                                .type(ProfileFile.Type.CREDENTIALS).build())
                        .build())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** @param caBundle for an https endpoint, the certificates to trust (and none other) */
    public static LambdaClient forEndpoint(URI endpoint, AwsCredentialsProvider credentials, Optional<Path> caBundle) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                // Long enough for a cold start that waits out an init timeout.
                .socketTimeout(Duration.ofMinutes(2));
        caBundle.ifPresent(bundle -> http.tlsTrustManagersProvider(() -> trustManagers(bundle)));
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(http.build())
                // Retries would turn a 429 or a 5xx into a late success and hide what the server answered.
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static TrustManager[] trustManagers(Path bundle) {
        try {
            return PemTls.trustManagers(bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
