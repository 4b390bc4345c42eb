package dev.thaw.faults.fuzz;

import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.it.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends fuzz requests exactly as generated, over a socket (a URI could not hold a malformed path), signed with the
 * server's key so that they reach the routes. A malformed target is signed as its well-formed spelling: the server
 * must still answer it with a Lambda error.
 */
final class FuzzClient {

    /** Longer than any answer to bad input should take; a read that waits longer is a hang. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Besides letters and digits, what a URI's path and query hold as they are. */
    private static final String URI_CHARACTERS = "-._~!$&'()*+,;=:@/?";

    private final URI endpoint;
    private final SignedHttpClient signer;

    FuzzClient(URI endpoint, SignedHttpClient signer) {
        this.endpoint = endpoint;
        this.signer = signer;
    }

    RawHttp.Response send(FuzzRequest request) throws IOException {
        // Appended, not resolved: a target that starts with "//" would otherwise name another host.
        URI signedAs = URI.create(endpoint.toString().replaceFirst("/$", "") + wellFormed(request.target()));
        return RawHttp.send(signer.signed(request.method(), signedAs, Map.of(), request.body()).build(),
                endpoint.getAuthority(), request.target(), request.body(), TIMEOUT);
    }

    /** The target with every character a URI cannot hold percent-encoded (a stray '%' included). */
    private static String wellFormed(String target) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xff);
            boolean escape = c == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
            out.append(escape || plain(c) ? String.valueOf(c) : String.format("%%%02X", bytes[i] & 0xff));
        }
        return out.toString();
    }

    private static boolean plain(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || URI_CHARACTERS.indexOf(c) >= 0);
    }

    private static boolean hex(byte b) {
        return Character.digit((char) b, 16) >= 0;
    }
}
