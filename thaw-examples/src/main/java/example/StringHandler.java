package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** String in, String out (both JSON strings on the wire): reverses the input. */
public class StringHandler implements RequestHandler<String, String> {

    @Override
    public String handleRequest(String input, Context context) {
        return new StringBuilder(input).reverse().toString();
    }
}
