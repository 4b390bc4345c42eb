package dev.thaw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real, throw-away Redis for the L2 tier: no persistence, a free loopback port, stopped on close. */
final class RedisServer implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");
    private static final long START_LIMIT_MILLIS = 10_000;

    private final Process process;
    private final int port;
    private final ExitCleanup exitCleanup;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.exitCleanup = ExitCleanup.register(this::close);
    }

    static RedisServer start() throws IOException, InterruptedException {
        int port = freePort();
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        RedisServer redis = new RedisServer(process, port);
        try {
            redis.awaitPong();
        } catch (IOException | InterruptedException | RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    private void awaitPong() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_LIMIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(EXECUTABLE + " exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                if (new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Try again until the deadline.
            }
            Thread.sleep(50);
        }
        throw new IOException(EXECUTABLE + " did not answer PING on port " + port + " within "
                + START_LIMIT_MILLIS + " ms");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        exitCleanup.cancel();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
