package dev.thaw.faults.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.it.ExamplePackages;
import dev.thaw.it.ThawServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** An Event invocation the server accepted is not lost when the server is killed during its attempt. */
class QueuedEventsCrashTest {

    private static final String FUNCTION = "queued-crash";

    @RegisterExtension
    final CrashServer servers = new CrashServer();

    @Test
    void anEventAcceptedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        LambdaClient client = servers.start("queued").client();
        client.createFunction(r -> r.functionName(FUNCTION).runtime(ThawServerExtension.RUNTIME)
                .role(ThawServerExtension.ROLE).handler("example.Logging").memorySize(256).timeout(30)
                .code(c -> c.zipFile(ExamplePackages.jar())));
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(FUNCTION));

        InvokeResponse accepted = client.invoke(r -> r.functionName(FUNCTION).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"marker\":\"queued-before-kill\",\"millis\":20000}")));
        assertEquals(202, accepted.statusCode());
        String requestId = accepted.responseMetadata().requestId();
        // Its first attempt has begun (the marker is logged) when the server dies.
        servers.awaitLogged(FUNCTION, "stdout queued-before-kill");
        servers.server().kill();

        servers.restart();
        servers.awaitLogged(FUNCTION, "REPORT RequestId: " + requestId);
    }
}
