package dev.thaw.runtime.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.thaw.runtime.TestContexts;
import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.runtime.channel.InvokeMessage;
import dev.thaw.runtime.log.FrameLambdaLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationContextTest {

    private static final LambdaLogger LOGGER = new FrameLambdaLogger(
            new FrameChannel(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()));

    private static InvocationContext context(long deadline, String clientContext, String identity, long now) {
        InvokeMessage invoke = new InvokeMessage("req-9", deadline, "arn:aws:lambda:us-east-1:1:function:my-function:live",
                clientContext, identity, new byte[0]);
        return new InvocationContext(TestContexts.function(), invoke, LOGGER, () -> now);
    }

    @Test
    void functionAndInvocationFacts() {
        InvocationContext context = context(10_000, "", "", 7_500);
        assertEquals("req-9", context.getAwsRequestId());
        assertEquals("my-function", context.getFunctionName());
        assertEquals("7", context.getFunctionVersion());
        assertEquals("arn:aws:lambda:us-east-1:1:function:my-function:live", context.getInvokedFunctionArn());
        assertEquals("/aws/lambda/my-function", context.getLogGroupName());
        assertEquals("2024/01/01/[7]abc", context.getLogStreamName());
        assertEquals(256, context.getMemoryLimitInMB());
        assertEquals(2_500, context.getRemainingTimeInMillis());
        assertSame(LOGGER, context.getLogger());
        assertNull(context.getIdentity());
        assertNull(context.getClientContext());
    }

    @Test
    void remainingTimeNeverNegative() {
        assertEquals(0, context(10_000, "", "", 12_000).getRemainingTimeInMillis());
    }

    @Test
    void cognitoIdentity() {
        InvocationContext context = context(0, "",
                "{\"cognitoIdentityId\":\"us-east-1:abc\",\"cognitoIdentityPoolId\":\"us-east-1:pool\"}", 0);
        assertEquals("us-east-1:abc", context.getIdentity().getIdentityId());
        assertEquals("us-east-1:pool", context.getIdentity().getIdentityPoolId());
    }

    @Test
    void clientContext() {
        ClientContext client = context(0, "{\"client\":{\"installation_id\":\"i-1\",\"app_title\":\"App\","
                + "\"app_version_name\":\"1.0\",\"app_version_code\":\"10\",\"app_package_name\":\"com.example\"},"
                + "\"custom\":{\"tenant\":\"t1\",\"n\":3},\"env\":{\"platform\":\"Android\"}}", "", 0).getClientContext();
        assertEquals("i-1", client.getClient().getInstallationId());
        assertEquals("App", client.getClient().getAppTitle());
        assertEquals("1.0", client.getClient().getAppVersionName());
        assertEquals("10", client.getClient().getAppVersionCode());
        assertEquals("com.example", client.getClient().getAppPackageName());
        assertEquals(Map.of("tenant", "t1", "n", "3"), client.getCustom());
        assertEquals(Map.of("platform", "Android"), client.getEnvironment());
    }

    @Test
    void partialOrBrokenJsonIsNullSafe() {
        ClientContext onlyCustom = context(0, "{\"custom\":{\"a\":\"b\"}}", "", 0).getClientContext();
        assertNull(onlyCustom.getClient());
        assertNull(onlyCustom.getEnvironment());
        assertEquals(Map.of("a", "b"), onlyCustom.getCustom());
        assertNull(context(0, "{broken", "[1]", 0).getClientContext());
        assertNull(context(0, "{broken", "[1]", 0).getIdentity());
        assertNull(context(0, "", "{}", 0).getIdentity().getIdentityId());
    }
}
