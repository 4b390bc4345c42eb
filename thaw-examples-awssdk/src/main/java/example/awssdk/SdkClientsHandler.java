package example.awssdk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A function that builds its AWS SDK for Java v2 clients in its constructor, as Lambda's guidance says to, so that
 * every invocation reuses them. Building them loads and links thousands of SDK classes (service models, marshallers,
 * endpoint rules, signers): the init cost of a typical function that talks to AWS. Region and credentials are
 * given, so neither init nor an invocation makes a network call.
 */
public class SdkClientsHandler implements RequestHandler<Map<String, Object>, String> {

    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;

    public SdkClientsHandler() {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("example-access-key", "example-secret-key"));
        s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
        dynamoDb = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(http).build();
        sqs = SqsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http).build();
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "AWS SDK clients ready: " + s3.serviceName() + ", " + dynamoDb.serviceName() + ", "
                + sqs.serviceName();
    }
}
