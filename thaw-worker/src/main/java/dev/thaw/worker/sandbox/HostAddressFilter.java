package dev.thaw.worker.sandbox;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The nftables rules of an environment's own network namespace, which its user cannot change (it has no
 * capabilities): nothing leaves for an address of the host itself (every address of every host interface, which
 * slirp4netns would otherwise reach as ordinary host sockets) or for a link-local address (a cloud's instance
 * metadata service at 169.254.169.254 among them, which would hand out the host's credentials). Loopback inside
 * the namespace is the namespace's own.
 */
final class HostAddressFilter {

    private static final String LINK_LOCAL_V4 = "169.254.0.0/16";
    private static final String LINK_LOCAL_V6 = "fe80::/10";

    private HostAddressFilter() {
    }

    /** The rules, for {@code nft -f}, against the host's addresses as they are now. */
    static String rules() {
        List<String> v4 = new ArrayList<>(List.of(LINK_LOCAL_V4));
        List<String> v6 = new ArrayList<>(List.of(LINK_LOCAL_V6));
        for (InetAddress address : hostAddresses()) {
            if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                continue;
            }
            if (address instanceof Inet4Address) {
                v4.add(address.getHostAddress());
            } else if (address instanceof Inet6Address v6Address) {
                v6.add(withoutScope(v6Address));
            }
        }
        return "table inet thaw {\n"
                + "  chain output {\n"
                + "    type filter hook output priority 0; policy accept;\n"
                + "    oifname \"lo\" accept\n"
                + "    ip daddr { " + String.join(", ", v4) + " } reject\n"
                + "    ip6 daddr { " + String.join(", ", v6) + " } reject\n"
                + "  }\n"
                + "}\n";
    }

    private static List<InetAddress> hostAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the host's addresses", e);
        }
        return addresses;
    }

    private static String withoutScope(Inet6Address address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}
