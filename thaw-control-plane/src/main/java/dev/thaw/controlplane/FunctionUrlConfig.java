package dev.thaw.controlplane;

import java.time.Instant;
import java.util.Optional;

/**
 * The function URL of $LATEST or of an alias.
 *
 * @param qualifier {@code $LATEST} or an alias name
 * @param urlId     the URL's 32 random lower-case letters and digits, its host name's first label
 * @param cors      empty: no CORS headers are added and preflights go to the function
 */
public record FunctionUrlConfig(String functionName, String qualifier, String urlId, UrlAuthType authType,
                                Optional<UrlCors> cors, UrlInvokeMode invokeMode, Instant creationTime,
                                Instant lastModifiedTime) {

    /** The function the URL invokes, as an invocation names it. */
    public FunctionRef target() {
        return new FunctionRef(functionName, qualifier);
    }
}
