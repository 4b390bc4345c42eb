package dev.thaw.api.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The origins whose web pages may call the server. Browsers name the page's origin in the {@code Origin} header, and
 * other clients send none; with no origin allowed (the default) no page can drive the server from a browser.
 */
public final class AllowedOrigins {

    private final Set<String> origins = new HashSet<>();

    /** @param origins each {@code scheme://host[:port]}, as browsers send it */
    public AllowedOrigins(Collection<String> origins) {
        for (String origin : origins) {
            this.origins.add(normalize(origin));
        }
    }

    /** Whether a request with this Origin header (absent: null) may go on. */
    public boolean allows(String originHeader) {
        return originHeader == null || origins.contains(originHeader.toLowerCase(Locale.ROOT));
    }

    private static String normalize(String origin) {
        try {
            URI uri = new URI(origin);
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || !bare || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("an allowed origin is scheme://host[:port], not " + origin);
            }
            return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("an allowed origin is scheme://host[:port], not " + origin, e);
        }
    }
}
