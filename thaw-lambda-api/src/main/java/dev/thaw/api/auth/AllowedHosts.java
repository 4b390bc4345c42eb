package dev.thaw.api.auth;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Host header values a listener answers to. A page whose DNS name an attacker rebinds to this machine reaches
 * the server under that foreign name, so anything else is refused: the bind address; for a loopback or wildcard
 * bind {@code localhost}, {@code 127.0.0.1} and {@code [::1]}; for a wildcard bind this machine's host names and
 * addresses; and the operator's public host names. Each with the listener's port or without a port.
 */
public final class AllowedHosts {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final byte[] LOOPBACK_V4 = {127, 0, 0, 1};
    private static final byte[] LOOPBACK_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private final int port;
    private final Set<InetAddress> addresses = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    /** Public host names given with a port of their own (a proxy in front), allowed with that port only. */
    private final Set<String> namesWithPort = new HashSet<>();

    private AllowedHosts(int port) {
        this.port = port;
    }

    /** @param publicHosts host names (or {@code name:port}) clients use to reach this listener, e.g. via a proxy */
    public static AllowedHosts forListener(InetAddress bind, int port, Collection<String> publicHosts) {
        AllowedHosts hosts = new AllowedHosts(port);
        if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
            hosts.names.add("localhost");
            hosts.addresses.add(address(LOOPBACK_V4));
            hosts.addresses.add(address(LOOPBACK_V6));
        }
        if (bind.isAnyLocalAddress()) {
            hosts.addThisMachine();
        } else {
            hosts.addresses.add(bind);
        }
        for (String publicHost : publicHosts) {
            String host = publicHost.toLowerCase(Locale.ROOT);
            (hostPart(host).length() < host.length() ? hosts.namesWithPort : hosts.names).add(host);
        }
        return hosts;
    }

    /** Whether a request with this Host header (absent: null) is one to answer. */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return false;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (namesWithPort.contains(host)) {
            return true;
        }
        String name = hostPart(host);
        if (name.length() < host.length() && !host.substring(name.length()).equals(":" + port)) {
            return false;
        }
        if (name.startsWith("[") || IPV4.matcher(name).matches()) {
            InetAddress address = parseLiteral(name);
            return address != null && addresses.contains(address);
        }
        return names.contains(name);
    }

    private void addThisMachine() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName().toLowerCase(Locale.ROOT));
            names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
            addresses.add(local);
        } catch (UnknownHostException e) {
            // A machine whose own name does not resolve is reached through its addresses.
        }
        try {
            for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
                network.inetAddresses().forEach(addresses::add);
            }
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list this machine's addresses", e);
        }
    }

    /** The host without its port: {@code [::1]:9400} is {@code [::1]}, {@code a.example:9400} is {@code a.example}. */
    private static String hostPart(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** The address of an IP literal ({@code 10.0.0.1}, {@code [fe80::1]}), never looked up in DNS; null if invalid. */
    private static InetAddress parseLiteral(String literal) {
        Matcher ipv4 = IPV4.matcher(literal);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(ipv4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return address(bytes);
        }
        try {
            // In brackets, the JDK parses the text as an IPv6 literal and never resolves it.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes", e);
        }
    }
}
