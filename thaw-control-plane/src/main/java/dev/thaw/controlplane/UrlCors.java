package dev.thaw.controlplane;

import java.util.List;

/**
 * The CORS settings of a function URL, member for member as Lambda's Cors shape; what is not set is left out of
 * the answers to browsers.
 *
 * @param maxAge seconds a browser may cache a preflight answer, 0 to 86400; null: not said
 */
public record UrlCors(boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                      List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {

    public UrlCors {
        allowHeaders = List.copyOf(allowHeaders);
        allowMethods = List.copyOf(allowMethods);
        allowOrigins = List.copyOf(allowOrigins);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether a page of {@code origin} may read the URL's answers: {@code *}, or the origin exactly. */
    public boolean allowsOrigin(String origin) {
        return origin != null && allowOrigins.stream().anyMatch(allowed -> allowed.equals("*")
                || allowed.equalsIgnoreCase(origin));
    }
}
