package dev.thaw.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP listener a test opens on one of the host's addresses, on a free port: it answers every connection with
 * {@link #GREETING} and closes it. A function that reaches it has reached the host.
 */
final class TestListener implements AutoCloseable {

    static final String GREETING = "hello from a listener on the host";

    private final ServerSocket socket;
    private final Thread acceptor;

    private TestListener(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::serve, "test-listener-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TestListener open(InetAddress address) throws IOException {
        return new TestListener(new ServerSocket(0, 50, address));
    }

    /** The address literal it listens on. */
    String host() {
        return socket.getInetAddress().getHostAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return host() + ":" + port();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept(); OutputStream out = connection.getOutputStream()) {
                out.write((GREETING + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // Closed, or the caller went away first.
            }
        }
    }
}
