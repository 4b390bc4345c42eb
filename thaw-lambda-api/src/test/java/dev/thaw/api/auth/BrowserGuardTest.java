package dev.thaw.api.auth;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrowserGuardTest {

    @Test
    void aLoopbackListenerAnswersToItsLoopbackNamesWithOrWithoutItsPort() throws UnknownHostException {
        AllowedHosts hosts = AllowedHosts.forListener(InetAddress.getByName("127.0.0.1"), 9400, List.of());
        for (String host : List.of("127.0.0.1", "127.0.0.1:9400", "localhost", "LOCALHOST:9400", "[::1]",
                "[::1]:9400", "[0:0:0:0:0:0:0:1]:9400")) {
            assertTrue(hosts.allows(host), host);
        }
        for (String host : List.of("127.0.0.1:9401", "evil.example", "evil.example:9400", "127.0.0.2",
                "localhost.evil.example", "[::2]", "300.0.0.1", "[nonsense]", "", "127.0.0.1:9400:9400")) {
            assertFalse(hosts.allows(host), host);
        }
        assertFalse(hosts.allows(null));
    }

    @Test
    void aSpecificAddressAnswersToItselfAndThePublicHosts() throws UnknownHostException {
        AllowedHosts hosts = AllowedHosts.forListener(InetAddress.getByName("10.1.2.3"), 443,
                List.of("thaw.example.org", "proxy.example.org:8443"));
        for (String host : List.of("10.1.2.3", "10.1.2.3:443", "thaw.example.org", "Thaw.Example.Org:443",
                "proxy.example.org:8443")) {
            assertTrue(hosts.allows(host), host);
        }
        for (String host : List.of("localhost", "127.0.0.1", "proxy.example.org", "proxy.example.org:443",
                "thaw.example.org:8443")) {
            assertFalse(hosts.allows(host), host);
        }
    }

    @Test
    void aWildcardListenerAnswersToThisMachine() throws UnknownHostException {
        AllowedHosts hosts = AllowedHosts.forListener(InetAddress.getByName("0.0.0.0"), 9400, List.of());
        assertTrue(hosts.allows("localhost:9400"));
        assertTrue(hosts.allows(InetAddress.getLocalHost().getHostName() + ":9400"));
        assertFalse(hosts.allows("0.0.0.0:9400"), "the wildcard is no address to reach");
        assertFalse(hosts.allows("rebound.evil.example:9400"));
    }

    @Test
    void noOriginIsAllowedUnlessListed() {
        assertTrue(new AllowedOrigins(List.of()).allows(null), "clients other than browsers send none");
        assertFalse(new AllowedOrigins(List.of()).allows("https://evil.example"));
        assertFalse(new AllowedOrigins(List.of()).allows("null"));
        AllowedOrigins console = new AllowedOrigins(List.of("https://Console.Example:8443/"));
        assertTrue(console.allows("https://console.example:8443"));
        assertFalse(console.allows("https://console.example"));
        assertFalse(console.allows("http://console.example:8443"));
        for (String bad : List.of("*", "console.example", "https://console.example/app", "ftp://x")) {
            assertThrows(IllegalArgumentException.class, () -> new AllowedOrigins(List.of(bad)), bad);
        }
    }

    @Test
    void theGuardRefusesForeignOriginsAndHostsAsAccessDenied() throws UnknownHostException {
        BrowserGuard guard = new BrowserGuard(AllowedHosts.forListener(InetAddress.getByName("127.0.0.1"), 9400,
                List.of()), new AllowedOrigins(List.of()));
        assertDoesNotThrow(() -> guard.admit(head(Map.of("Host", "127.0.0.1:9400"))));
        for (Map<String, String> headers : List.of(Map.of("Host", "127.0.0.1:9400", "Origin", "https://evil.example"),
                Map.of("Host", "rebound.evil.example:9400"), Map.<String, String>of())) {
            AuthException refused = assertThrows(AuthException.class, () -> guard.admit(head(headers)));
            assertEquals(AuthFailure.ACCESS_DENIED, refused.failure());
        }
    }

    private static RequestHead head(Map<String, String> headers) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        headers.forEach((name, value) -> values.put(name, List.of(value)));
        return new RequestHead("POST", "/2015-03-31/functions/f/invocations", "", values);
    }
}
