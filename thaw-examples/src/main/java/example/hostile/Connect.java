package example.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * {@code connect}: a TCP connection to {@code "host"} (an address literal) and {@code "port"}, then the first line
 * the other side says, if it says one within a moment ({@code "answer"}). Escaped when it connects.
 */
final class Connect implements Attempt {

    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final int ANSWER_TIMEOUT_MS = 2_000;

    @Override
    public Outcome run(Input input) {
        String host = input.text("host");
        int port = input.count("port", -1);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            String answer = firstLine(socket);
            return Outcome.escaped("connected to " + host + ":" + port
                            + (answer == null ? ", no answer" : ", answered: " + answer))
                    .with("connected", true)
                    .with("answer", answer);
        } catch (IOException e) {
            return Outcome.contained("cannot connect to " + host + ":" + port + ": " + Failures.describe(e))
                    .with("connected", false);
        }
    }

    private static String firstLine(Socket socket) throws IOException {
        try {
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }
}
