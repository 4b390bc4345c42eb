package corpus.springbootadapter;

import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Positive: aws-serverless-java-container starts Spring Boot in the static initialiser, building its beans. */
public class StreamHandler implements RequestStreamHandler {

    private static final SpringBootLambdaContainerHandler HANDLER =
            SpringBootLambdaContainerHandler.getAwsProxyHandler(Application.class);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        HANDLER.hashCode();
    }
}
