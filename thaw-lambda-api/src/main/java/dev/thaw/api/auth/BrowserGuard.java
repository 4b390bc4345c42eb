package dev.thaw.api.auth;

import dev.thaw.controlplane.LambdaException;

import java.util.Optional;

/**
 * The checks against browser-borne attacks, made before any signature is looked at: a page on a foreign origin
 * (cross-site request forgery) and a foreign host name (DNS rebinding) are both refused.
 */
public final class BrowserGuard {

    private final AllowedHosts hosts;
    private final AllowedOrigins origins;

    public BrowserGuard(AllowedHosts hosts, AllowedOrigins origins) {
        this.hosts = hosts;
        this.origins = origins;
    }

    /** @throws AuthException ({@link AuthFailure#ACCESS_DENIED}) for a foreign origin or host */
    public void admit(RequestHead head) {
        String origin = head.header("Origin").orElse(null);
        if (!origins.allows(origin)) {
            throw new AuthException(AuthFailure.ACCESS_DENIED, "Requests from origin "
                    + LambdaException.echo(origin) + " are not allowed.");
        }
        String host = head.header("Host").orElse(null);
        if (!hosts.allows(host)) {
            throw new AuthException(AuthFailure.ACCESS_DENIED, host == null ? "A Host header is required."
                    : "This server does not answer to the host name " + LambdaException.echo(host) + ".");
        }
    }

    /** The request's Origin, if it has one that is allowed. */
    public Optional<String> allowedOrigin(RequestHead head) {
        return head.header("Origin").filter(origins::allows);
    }
}
