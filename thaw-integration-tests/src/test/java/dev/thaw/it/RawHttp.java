package dev.thaw.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand over a socket, for what {@link java.net.http.HttpClient} will not send: a Host header
 * other than the URI's, as a browser sends for a page whose DNS name was rebound to this machine.
 */
public final class RawHttp {

    /** A response's status, headers (lower-case names) and body. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String errorType() {
            return headers.get("x-amzn-errortype");
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request}'s method, path, query and headers, with {@code host} as its Host header. */
    static Response send(HttpRequest request, String host, byte[] body) throws IOException {
        URI uri = request.uri();
        return send(request, host, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                body, Duration.ZERO);
    }

    /**
     * Sends {@code request}'s method and headers to its URI's host and port, but with {@code target} as the
     * request line's path and query, as given: a URI could not hold a malformed one.
     *
     * @param timeout how long to wait for each read; zero waits for ever
     */
    public static Response send(HttpRequest request, String host, String target, byte[] body, Duration timeout)
            throws IOException {
        URI uri = request.uri();
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        request.headers().map().forEach((name, values) -> values.forEach(value ->
                head.append(name).append(": ").append(value).append("\r\n")));
        head.append("\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Response parse(String response) throws IOException {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("the connection closed before a complete response: " + response);
        }
        String[] lines = response.substring(0, end).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(end + 4));
    }
}
