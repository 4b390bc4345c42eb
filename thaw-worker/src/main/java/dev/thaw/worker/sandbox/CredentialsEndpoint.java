package dev.thaw.worker.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.thaw.worker.AwsCredentials;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One environment's container credentials endpoint, at Lambda's {@value #URI}: served by the worker on a socket
 * inside the environment's own network namespace, so that nothing but that environment can reach it. It answers
 * the credentials granted to the environment to a request whose Authorization header is the grant's token; there is
 * one grant at a time, none before an environment is granted one and none once it is revoked, and a restored copy
 * gets a token of its own, so a snapshot's token opens nothing.
 */
public final class CredentialsEndpoint implements AutoCloseable {

    /** AWS_CONTAINER_CREDENTIALS_FULL_URI inside every environment. */
    public static final String URI = "http://127.0.0.1:9001/2021-04-23/credentials";
    private static final int PORT = 9001;
    private static final String PATH = "/2021-04-23/credentials";
    /**
     * The expiry each answer names: clients fetch again before it, and so keep working through changes of the
     * operator's keys at a restart.
     */
    private static final Duration VALIDITY = Duration.ofHours(1);
    private static final ExecutorService EXCHANGES = Executors.newVirtualThreadPerTaskExecutor();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Clock clock;
    private volatile Grant grant;

    private record Grant(byte[] token, AwsCredentials credentials) {
    }

    private CredentialsEndpoint(HttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /** Listens on 127.0.0.1:9001 of the namespace held by {@code namespace}. */
    static CredentialsEndpoint open(Path namespace, Clock clock) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), PORT);
        HttpServer server = NamespaceEntry.call(namespace, () -> HttpServer.create(address, 0));
        CredentialsEndpoint endpoint = new CredentialsEndpoint(server, clock);
        server.setExecutor(EXCHANGES);
        server.createContext("/", endpoint::answer);
        server.start();
        return endpoint;
    }

    /** Grants these credentials to a new token, which replaces any earlier one; returns the token. */
    public String grant(AwsCredentials credentials) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        grant = new Grant(token.getBytes(StandardCharsets.US_ASCII), credentials);
        return token;
    }

    public void revoke() {
        grant = null;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Grant current = grant;
            String token = exchange.getRequestHeaders().getFirst("Authorization");
            int status;
            Map<String, String> body = new LinkedHashMap<>();
            if (!"GET".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath())) {
                status = 404;
                body.put("Message", "Not found");
            } else if (current == null || token == null
                    || !MessageDigest.isEqual(current.token(), token.getBytes(StandardCharsets.US_ASCII))) {
                status = 403;
                body.put("Message", "The authorization token is missing or not this environment's");
            } else {
                status = 200;
                AwsCredentials credentials = current.credentials();
                body.put("AccessKeyId", credentials.accessKeyId());
                body.put("SecretAccessKey", credentials.secretAccessKey());
                if (credentials.sessionToken() != null) {
                    body.put("Token", credentials.sessionToken());
                }
                body.put("Expiration", clock.instant().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS).toString());
            }
            byte[] bytes = json(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // One request per connection: a connection kept open would be part of a snapshot's process tree.
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static byte[] json(Map<String, String> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        grant = null;
        server.stop(0);
    }
}
