package dev.thaw.api;

import dev.thaw.api.auth.RequestHead;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the function URLs of one server are reached: host-style, {@code <url-id>.lambda-url.<region>.localhost}
 * (browsers and curl resolve any name under localhost to the loopback address themselves), or path-style,
 * {@code <scheme>://<address>:<port>/<url-id>/...}, for clients that cannot choose the host name.
 */
final class FunctionUrlAddress {

    private static final Pattern PATH_STYLE = Pattern.compile("/([a-z0-9]{32})(/.*)?");

    private final String scheme;
    private final String region;
    private final int port;
    private final Pattern hostStyle;

    FunctionUrlAddress(String scheme, String region, int port) {
        this.scheme = scheme;
        this.region = region;
        this.port = port;
        this.hostStyle = Pattern.compile("([a-z0-9]{32})\\.lambda-url\\." + Pattern.quote(region)
                + "\\.localhost");
    }

    /** Which URL a request is for, and the path within it. */
    record Target(String urlId, String rawPath) {
    }

    String scheme() {
        return scheme;
    }

    /** The host name of a URL: what its requests carry in Host, and the event's domainName. */
    String domainName(String urlId) {
        return urlId + ".lambda-url." + region + ".localhost";
    }

    /** The FunctionUrl of an id, as CreateFunctionUrlConfig answers it. */
    String url(String urlId) {
        return scheme + "://" + domainName(urlId) + ":" + port + "/";
    }

    /** The host-style target when Host names a URL of this region, else the path-style one, if either. */
    Optional<Target> locate(RequestHead head) {
        Optional<String> hostId = head.header("Host").map(FunctionUrlAddress::hostName).map(hostStyle::matcher)
                .filter(Matcher::matches).map(matcher -> matcher.group(1));
        if (hostId.isPresent()) {
            return Optional.of(new Target(hostId.get(), head.rawPath()));
        }
        Matcher pathStyle = PATH_STYLE.matcher(head.rawPath());
        if (!pathStyle.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Target(pathStyle.group(1), pathStyle.group(2) == null ? "/" : pathStyle.group(2)));
    }

    /** The host without its port, lower-cased (host names are case-insensitive). */
    private static String hostName(String host) {
        int colon = host.lastIndexOf(':');
        String name = colon >= 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
        return name.toLowerCase(Locale.ROOT);
    }
}
