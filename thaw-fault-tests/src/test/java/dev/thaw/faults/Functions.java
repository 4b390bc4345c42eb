package dev.thaw.faults;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** What a client sees of the server's functions, for the parts that check what survived. */
public final class Functions {

    private Functions() {
    }

    /** Whether the function (or {@code name:qualifier}) is there. */
    public static boolean exists(LambdaClient client, String function) {
        try {
            client.getFunctionConfiguration(r -> r.functionName(function));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }
}
