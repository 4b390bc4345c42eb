package example.awssdk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists a bucket of an S3-compatible store (the function's {@code S3_ENDPOINT} variable, path-style) with a client
 * built at init that takes its credentials from the SDK's default chain, as a function does that reaches its own
 * bucket with its execution role's credentials. Event: {@code {"bucket": "..."}}. Answers the keys, or the type of
 * the error when the call fails (no credentials, refused); and digests of the credentials token this copy holds, in
 * the SDK's system property and in its environment, so that copies can be told apart without showing the token.
 */
public class S3ListHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final S3Client s3 = S3Client.builder()
            .endpointOverride(URI.create(System.getenv("S3_ENDPOINT")))
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClient(UrlConnectionHttpClient.create())
            .build();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            answer.put("keys", s3.listObjectsV2(r -> r.bucket(String.valueOf(event.get("bucket")))).contents()
                    .stream().map(S3Object::key).toList());
        } catch (SdkException e) {
            answer.put("error", e.getClass().getSimpleName());
        }
        answer.put("tokenProperty", digest(System.getProperty("aws.containerAuthorizationToken")));
        answer.put("tokenVariable", digest(System.getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN")));
        answer.put("accessKeyVariable", System.getenv("AWS_ACCESS_KEY_ID") != null);
        return answer;
    }

    private static String digest(String token) {
        if (token == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
