package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A function URL's handler: answers 201 with the event it was given as the body (base64-encoded, so no JSON library
 * is needed to quote it), two cookies, a header given twice, and how its environment was initialised.
 */
public class UrlEcho implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = Base64.getEncoder().encodeToString(input.readAllBytes());
        String response = "{\"statusCode\":201,"
                + "\"headers\":{\"Content-Type\":\"application/json\",\"X-Echo\":\"yes\","
                + "\"X-Init-Type\":\"" + System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE") + "\"},"
                + "\"multiValueHeaders\":{\"X-Many\":[\"a\",\"b\"]},"
                + "\"cookies\":[\"a=1; Path=/\",\"b=2\"],"
                + "\"isBase64Encoded\":true,\"body\":\"" + event + "\"}";
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }
}
