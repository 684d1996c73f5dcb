package dev.wsnio.examples;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How a listening address appears in a URL printed for the user: {@code 127.0.0.1:3000},
 * {@code [::1]:3000}; a wildcard address ({@code 0.0.0.0}, {@code ::}) shows as the loopback
 * address, which is where a browser on the same machine reaches it.
 */
public final class DisplayAddress {

    private DisplayAddress() {
    }

    /**
     * The {@code host:port} part of a URL for a listening address.
     *
     * @param address the address a server listens on
     * @return e.g. {@code 127.0.0.1:3000}
     */
    public static String of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host;
        if (ip == null) {
            host = address.getHostString();
        } else if (ip.isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else {
            host = ip.getHostAddress();
        }
        if (host.contains(":")) {
            host = "[" + host + "]"; // an IPv6 literal in a URL (RFC 3986 §3.2.2)
        }
        return host + ":" + address.getPort();
    }
}
