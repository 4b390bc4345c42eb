package dev.thaw.api.client;

import dev.thaw.api.LambdaApiServer;
import dev.thaw.api.auth.AccessKey;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

/**
 * Requests to a Thaw server over {@link HttpClient}, signed by the AWS SDK's SigV4 signer the way the AWS CLI and
 * SDKs sign theirs: how the thaw commands, the benchmark and the tests talk to a server beside the SDK, and how a
 * server passes an invocation on to another.
 */
public final class SignedHttpClient implements AutoCloseable {

    /** Any region is accepted; this is the one signed for. */
    private static final String REGION = "us-east-1";

    private final AwsCredentialsIdentity identity;
    private final HttpClient http;
    private final Clock clock;
    private final String service;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public SignedHttpClient(AccessKey key) {
        this(key, HttpClient.newHttpClient(), Clock.systemUTC());
    }

    /** @param clock the time the signatures claim */
    public SignedHttpClient(AccessKey key, HttpClient http, Clock clock) {
        this(key, http, clock, LambdaApiServer.SIGNING_NAME);
    }

    /** @param service the service the signatures are scoped to: {@code lambda}, or {@code logs} for CloudWatch Logs */
    public SignedHttpClient(AccessKey key, HttpClient http, Clock clock, String service) {
        this.identity = AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey());
        this.http = http;
        this.clock = clock;
        this.service = service;
    }

    /** A request with this method, URI, headers and body, signed; it sends that body unless told otherwise. */
    public HttpRequest.Builder signed(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = signer.sign(request -> request.identity(identity)
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        // The HTTP client sends Host itself, from the same URI the signer signed it from.
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request;
    }

    public <T> HttpResponse<T> send(String method, URI uri, Map<String, String> headers, byte[] body,
                                    HttpResponse.BodyHandler<T> responseBody)
            throws IOException, InterruptedException {
        return http.send(signed(method, uri, headers, body).build(), responseBody);
    }

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send("GET", uri, Map.of(), new byte[0], HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        http.close();
    }
}
