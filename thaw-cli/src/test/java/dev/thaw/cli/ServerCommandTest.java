package dev.thaw.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API access options as {@code thaw server} parses them. */
class ServerCommandTest {

    private final ServerCommand.SocketAddressConverter addresses = new ServerCommand.SocketAddressConverter();

    @Test
    void metricsBindTakesAnAddressAndAPort() {
        assertEquals(new InetSocketAddress("127.0.0.1", 9401), addresses.convert("127.0.0.1:9401"));
        assertEquals(new InetSocketAddress("::1", 9401), addresses.convert("[::1]:9401"));
        assertTrue(addresses.convert("localhost:0").getAddress().isLoopbackAddress());
        for (String bad : List.of("127.0.0.1", "9401", "[::1]", "127.0.0.1:http", "127.0.0.1:70000")) {
            assertThrows(TypeConversionException.class, () -> addresses.convert(bad), bad);
        }
    }

    @Test
    void repeatableOptionsCollectEveryValue() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--public-host", "thaw.example.org", "--public-host",
                "proxy.example.org:8443", "--allowed-origin", "https://console.example", "--credentials-file",
                "keys", "--tls-cert", "cert.pem", "--tls-key", "key.pem");
        assertEquals(List.of("thaw.example.org", "proxy.example.org:8443"), command.publicHosts);
        assertEquals(List.of("https://console.example"), command.allowedOrigins);
        assertEquals(Path.of("keys"), command.credentialsFile);
        assertEquals(Path.of("key.pem"), command.tlsKey);
    }

    @Test
    void regionAndAccountIdAreCheckedAsLambdasArnsSpellThem() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--region", "eu-west-1", "--account-id", "123456789012");
        assertEquals("eu-west-1", command.region);
        assertEquals("123456789012", command.accountId);
        ServerCommand defaults = new ServerCommand();
        new CommandLine(defaults).parseArgs();
        assertEquals("us-east-1", defaults.region);
        assertEquals("000000000000", defaults.accountId);
        for (List<String> bad : List.of(List.of("--region", "EU-WEST-1"), List.of("--region", "eu-west-1:x"),
                List.of("--account-id", "12345"), List.of("--account-id", "1234567890123"),
                List.of("--account-id", "12345678901a"))) {
            assertThrows(CommandLine.ParameterException.class,
                    () -> new CommandLine(new ServerCommand()).parseArgs(bad.toArray(String[]::new)), bad.toString());
        }
    }

    @Test
    void restoresAreLazyUnlessTurnedOff() {
        ServerCommand defaults = new ServerCommand();
        new CommandLine(defaults).parseArgs();
        assertTrue(defaults.lazyRestore);
        ServerCommand lazy = new ServerCommand();
        new CommandLine(lazy).parseArgs("--lazy-restore");
        assertTrue(lazy.lazyRestore);
        ServerCommand eager = new ServerCommand();
        new CommandLine(eager).parseArgs("--no-lazy-restore");
        assertFalse(eager.lazyRestore);
    }
}
