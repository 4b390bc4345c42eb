package dev.thaw.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The test host's listener, started in the test network's namespace (see {@link TestNetwork}): listens on the
 * address given as its argument, prints {@code listening <port>}, and answers every connection with
 * {@link #GREETING}. It ends when its stdin closes (the test is done, or gone) and after ten minutes in any case.
 */
public final class PeerListener {

    static final String GREETING = "hello from the test host";
    private static final long LIFETIME_MINUTES = 10;

    private PeerListener() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(args[0]));
        System.out.println("listening " + server.getLocalPort());
        System.out.flush();
        daemon(PeerListener::exitWhenStdinCloses);
        daemon(PeerListener::exitAtEndOfLifetime);
        while (true) {
            try (Socket connection = server.accept(); OutputStream out = connection.getOutputStream()) {
                out.write((GREETING + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The caller went away first.
            }
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    }

    private static void exitWhenStdinCloses() {
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // Nothing is ever sent; the end of stdin is the signal.
            }
        } catch (IOException e) {
            // As good as closed.
        }
        System.exit(0);
    }

    private static void exitAtEndOfLifetime() {
        try {
            TimeUnit.MINUTES.sleep(LIFETIME_MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }
}
