package dev.thaw.it;

import static dev.thaw.it.HostileFunction.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.cli.ServerOptions;
import dev.thaw.it.HostileFunction.Answer;
import dev.thaw.it.HostileFunction.Copy;
import dev.thaw.worker.FunctionNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a function's network reaches, on demand and restored: with egress (the default) a test host outside the
 * machine's loopback, which the test makes itself ({@link TestNetwork}); with none, not even that; with either,
 * never a listener on the host's loopback or the Thaw API. Needs root to make the test host; skipped without it,
 * except in CI, where it must run.
 */
class FunctionNetworkTest {

    @RegisterExtension
    static final ThawServerExtension EGRESS = new ThawServerExtension(o -> o.withIdleTimeout(Duration.ZERO));

    @RegisterExtension
    static final ThawServerExtension NONE = new ThawServerExtension(
            o -> o.withIdleTimeout(Duration.ZERO).withFunctionNetwork(FunctionNetwork.NONE));

    private static final Map<FunctionNetwork, HostileFunction> FUNCTIONS = new EnumMap<>(FunctionNetwork.class);
    private static TestNetwork testHost;
    private static TestListener hostLoopback;

    @BeforeAll
    static void setUp() throws IOException {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(TestNetwork.runningAsRoot(), "CI must run the network test as root");
        }
        Assumptions.assumeTrue(TestNetwork.runningAsRoot(), "making a test host takes root");
        assertEquals(FunctionNetwork.EGRESS, ServerOptions.defaults(EGRESS.dataDir()).functionNetwork(),
                "egress is the default");
        testHost = TestNetwork.create();
        hostLoopback = TestListener.open(InetAddress.getLoopbackAddress());
        FUNCTIONS.put(FunctionNetwork.EGRESS, HostileFunction.create(EGRESS, "net-probe"));
        FUNCTIONS.put(FunctionNetwork.NONE, HostileFunction.create(NONE, "net-probe"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        try {
            if (hostLoopback != null) {
                hostLoopback.close();
            }
        } finally {
            if (testHost != null) {
                testHost.close();
            }
        }
    }

    static Stream<Arguments> networksAndCopies() {
        return Stream.of(FunctionNetwork.EGRESS, FunctionNetwork.NONE)
                .flatMap(network -> Stream.of(Copy.values()).map(copy -> Arguments.of(network, copy)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("networksAndCopies")
    void theTestHostAnswersOnlyWithEgress(FunctionNetwork network, Copy copy) {
        Answer answer = FUNCTIONS.get(network).attempt(copy,
                event("connect", "host", TestNetwork.PEER_ADDRESS, "port", testHost.peerPort()));
        if (network == FunctionNetwork.EGRESS) {
            assertTrue(answer.fact("connected").booleanValue(), () -> "egress does not reach the test host: "
                    + answer.detail());
            assertEquals(PeerListener.GREETING, answer.fact("answer").asText(), answer::detail);
        } else {
            assertFalse(answer.fact("connected").booleanValue(), () -> "a function without a network reached "
                    + "the test host: " + answer.detail());
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("networksAndCopies")
    void theHostsLoopbackIsNeverReachable(FunctionNetwork network, Copy copy) {
        List<Integer> ports = List.of(hostLoopback.port(), EGRESS.endpoint().getPort(), NONE.endpoint().getPort());
        for (int port : ports) {
            Answer answer = FUNCTIONS.get(network).attempt(copy, event("connect", "host", "127.0.0.1", "port", port));
            assertFalse(answer.fact("connected").booleanValue(), () -> "with " + network + " a function " + copy
                    + " reached the host's 127.0.0.1:" + port + ": " + answer.detail());
        }
    }
}
