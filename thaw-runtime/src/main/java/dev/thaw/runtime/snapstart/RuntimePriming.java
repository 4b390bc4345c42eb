package dev.thaw.runtime.snapstart;

import com.amazonaws.services.lambda.runtime.Context;
import dev.thaw.runtime.FunctionEnvironment;
import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.InvokeMessage;
import dev.thaw.runtime.context.InvocationContext;
import dev.thaw.runtime.error.LambdaError;
import dev.thaw.runtime.log.FunctionLog;
import dev.thaw.runtime.serde.RuntimeJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Before the checkpoint, runs the runtime's own per-invocation code once: decoding an invoke, building its
 * context, reading and writing JSON, shaping an error. Never the function's code. Restored copies then answer
 * their first invocation without first loading, linking and initialising all of that.
 */
final class RuntimePriming {

    private RuntimePriming() {
    }

    static void run(FunctionEnvironment function, FunctionLog log) throws IOException {
        byte[] event = "{\"priming\":[1,2.5,true,null,\"x\"]}".getBytes(StandardCharsets.UTF_8);
        InvokeMessage message = InvokeMessage.decode(new InvokeMessage("priming", System.currentTimeMillis() + 1000,
                "arn:aws:lambda:us-east-1:000000000000:function:priming", "", "", event).encode());
        Context context = new InvocationContext(function, message, log.logger());
        context.getRemainingTimeInMillis();
        context.getAwsRequestId();
        Map<?, ?> parsed = RuntimeJson.mapper().readValue(message.payload(), Map.class);
        new Frame(Frame.Type.RESPONSE, RuntimeJson.mapper().writeValueAsBytes(parsed));
        RuntimeJson.mapper().writeValueAsBytes("priming");
        LambdaError.of(new IllegalStateException("priming")).toJson();
    }
}
