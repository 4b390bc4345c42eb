package dev.thaw.api.auth;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Requests signed by the AWS SDK for Java's own SigV4 signer, as the server would receive them. */
public final class SdkSigner {

    public static final AccessKey KEY = new AccessKey("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private final Clock clock;
    private String service = "lambda";
    private String region = "us-east-1";
    private AccessKey key = KEY;
    private Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra = request -> { };

    public SdkSigner(Clock clock) {
        this.clock = clock;
    }

    SdkSigner service(String value) {
        service = value;
        return this;
    }

    SdkSigner region(String value) {
        region = value;
        return this;
    }

    SdkSigner key(AccessKey value) {
        key = value;
        return this;
    }

    /** Presigns into the query instead of the Authorization header. */
    SdkSigner presigned(Duration validity) {
        extra = request -> request.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION,
                        AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity);
        return this;
    }

    public RequestHead sign(String method, String uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(uri));
        headers.forEach(unsigned::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(request -> {
            request.identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                    .request(unsigned.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            extra.accept(request);
        }).request();
        Map<String, List<String>> received = new LinkedHashMap<>(signed.headers());
        // What the HTTP client sends as Host: the URI's authority.
        received.putIfAbsent("Host", List.of(URI.create(uri).getRawAuthority()));
        return new RequestHead(method, signed.encodedPath(), signed.getUri().getRawQuery(), received);
    }
}
