package dev.thaw.faults.fuzz;

import dev.thaw.cli.SignedHttpClient;
import dev.thaw.it.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sends fuzz requests exactly as generated, over a socket (a URI could not hold a malformed path), signed with the
 * server's key so that they reach the routes. A malformed target is signed as its well-formed spelling: the server
 * must still answer it with a Lambda error.
 */
final class FuzzClient {

    /** Longer than any answer to bad input should take; a read that waits longer is a hang. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern VALID_TARGET = Pattern.compile("([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*");

    private final URI endpoint;
    private final SignedHttpClient signer;

    FuzzClient(URI endpoint, SignedHttpClient signer) {
        this.endpoint = endpoint;
        this.signer = signer;
    }

    RawHttp.Response send(FuzzRequest request) throws IOException {
        URI signedAs = endpoint.resolve(wellFormed(request.target()));
        return RawHttp.send(signer.signed(request.method(), signedAs, Map.of(), request.body()).build(),
                endpoint.getAuthority(), request.target(), request.body(), TIMEOUT);
    }

    /** The target with every character a URI cannot hold percent-encoded (a stray '%' included). */
    private static String wellFormed(String target) {
        if (VALID_TARGET.matcher(target).matches()) {
            return target;
        }
        StringBuilder out = new StringBuilder();
        for (byte b : target.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            out.append(c != '%' && c < 0x80 && VALID_TARGET.matcher(String.valueOf(c)).matches() ? String.valueOf(c)
                    : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }
}
