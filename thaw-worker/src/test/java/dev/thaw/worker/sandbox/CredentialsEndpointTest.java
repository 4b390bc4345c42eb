package dev.thaw.worker.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.worker.AwsCredentials;
import dev.thaw.worker.FunctionNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials endpoint, asked from inside its namespace as a function asks it, and from the host. */
class CredentialsEndpointTest {

    private static final AwsCredentials KEYS = new AwsCredentials("AKIDEXAMPLE", "secret/key+1", "session");

    @TempDir
    Path dir;

    private NetworkNamespaces namespaces;
    private NetworkNamespaces.NetworkNamespace namespace;

    @BeforeEach
    void takeANamespace() throws IOException {
        namespaces = new NetworkNamespaces(dir.resolve("netns"), FunctionNetwork.NONE);
        namespace = namespaces.take();
    }

    @AfterEach
    void release() {
        namespaces.release(namespace);
        namespaces.close();
    }

    @Test
    void onlyTheCurrentTokenGetsTheCredentials() throws IOException {
        CredentialsEndpoint endpoint = namespace.credentials();
        assertTrue(get(CredentialsEndpoint.URI, null).startsWith("HTTP/1.1 403"), "nothing granted yet");

        String first = endpoint.grant(KEYS);
        String answer = get(CredentialsEndpoint.URI, first);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"AccessKeyId\":\"AKIDEXAMPLE\""), answer);
        assertTrue(answer.contains("\"SecretAccessKey\":\"secret/key+1\""), answer);
        assertTrue(answer.contains("\"Token\":\"session\""), answer);
        assertTrue(answer.matches("(?s).*\"Expiration\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\".*"), answer);
        assertTrue(get(CredentialsEndpoint.URI, first + "0").startsWith("HTTP/1.1 403"));
        assertTrue(get("http://127.0.0.1:9001/latest/credentials", first).startsWith("HTTP/1.1 404"));

        String second = endpoint.grant(KEYS);
        assertNotEquals(first, second);
        assertTrue(get(CredentialsEndpoint.URI, first).startsWith("HTTP/1.1 403"), "a replaced token opens nothing");
        assertTrue(get(CredentialsEndpoint.URI, second).startsWith("HTTP/1.1 200"));
        endpoint.revoke();
        assertTrue(get(CredentialsEndpoint.URI, second).startsWith("HTTP/1.1 403"));
    }

    @Test
    void theHostDoesNotReachIt() throws IOException {
        namespace.credentials().grant(KEYS);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 9001), 2_000);
            // Something of the host's own listens there: it is not the endpoint.
            assertEquals(-1, answerOf(socket, "/2021-04-23/credentials", null).indexOf("AKIDEXAMPLE"));
        } catch (ConnectException expected) {
            // Nothing listens on the host's loopback port: the endpoint is only in the namespace.
        }
        assertThrows(IOException.class, () -> NamespaceEntry.call(dir.resolve("not-a-namespace"), () -> null));
    }

    /** A plain HTTP/1.1 GET from a socket opened inside the namespace, as the function's SDK sends it. */
    private String get(String uri, String token) throws IOException {
        String path = uri.substring("http://127.0.0.1:9001".length());
        return NamespaceEntry.call(namespace.file(), () -> {
            try (Socket socket = new Socket("127.0.0.1", 9001)) {
                return answerOf(socket, path, token);
            }
        });
    }

    private static String answerOf(Socket socket, String path, String token) throws IOException {
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:9001\r\n"
                + (token == null ? "" : "Authorization: " + token + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
