package dev.thaw.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/** Short forms of the synchronous invoke and of reading its result. */
public final class Invocations {

    private Invocations() {
    }

    public static InvokeResponse invoke(LambdaClient client, String function, String json) {
        return client.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(json)));
    }

    public static InvokeResponse invoke(LambdaClient client, String function, String qualifier, String json) {
        return client.invoke(r -> r.functionName(function).qualifier(qualifier).payload(SdkBytes.fromUtf8String(json)));
    }

    public static InvokeResponse invokeWithTail(LambdaClient client, String function, String json) {
        return client.invoke(r -> r.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(json)));
    }

    public static String text(InvokeResponse response) {
        return response.payload().asUtf8String();
    }

    public static JsonNode json(InvokeResponse response) {
        return Json.parse(text(response));
    }

    /** Decodes X-Amz-Log-Result (the base64 tail of the invocation's log). */
    public static String tailLog(String logResult) {
        return new String(Base64.getDecoder().decode(logResult), StandardCharsets.UTF_8);
    }
}
