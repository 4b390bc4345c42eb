package sample;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.UUID;

public class Handler implements RequestHandler<String, String> {

    private static final String INSTANCE = UUID.randomUUID().toString();

    @Override
    public String handleRequest(String input, Context context) {
        return input + INSTANCE;
    }
}
