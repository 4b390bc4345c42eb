package dev.thaw.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.channel.InvokeMessage;
import dev.thaw.runtime.context.InvocationContext;
import dev.thaw.runtime.log.FrameLambdaLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;

/** Contexts for tests that call handlers directly. */
public final class TestContexts {

    private TestContexts() {
    }

    public static FunctionEnvironment function() {
        return FunctionEnvironment.of(Map.of(
                "LAMBDA_TASK_ROOT", Path.of(".").toString(),
                "_HANDLER", "example.Hello",
                "AWS_LAMBDA_FUNCTION_NAME", "my-function",
                "AWS_LAMBDA_FUNCTION_VERSION", "7",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/my-function",
                "AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/01/[7]abc"));
    }

    public static Context context(String requestId) {
        InvokeMessage invoke = new InvokeMessage(requestId, System.currentTimeMillis() + 3000,
                "arn:aws:lambda:us-east-1:123456789012:function:my-function:7", "", "", new byte[0]);
        FrameChannel discard = new FrameChannel(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
        return new InvocationContext(function(), invoke, new FrameLambdaLogger(discard));
    }
}
