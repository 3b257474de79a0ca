package org.frisson.dashboards;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a request's {@code Host} may carry, against DNS rebinding: a page of another site whose name
 * comes to resolve to this machine still sends its own name as {@code Host}, and is refused. Always the
 * loopback ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}); the address listened on; when that is a
 * wildcard ({@code 0.0.0.0}, {@code ::}), every address of this machine's interfaces and its host name;
 * and the names given. Compared without the port, case-insensitively; IP addresses as addresses (so
 * {@code [0:0:0:0:0:0:0:1]} is {@code [::1]}). No name is ever looked up in the DNS.
 */
final class HostAllowList {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final Set<String> names;
    private final Set<InetAddress> addresses;

    private HostAllowList(Set<String> names, Set<InetAddress> addresses) {
        this.names = Set.copyOf(names);
        this.addresses = Set.copyOf(addresses);
    }

    /**
     * For a server listening on {@code bind}, with the further names (or addresses) in {@code extra}.
     *
     * @throws IllegalArgumentException naming an entry of {@code extra} that is neither a host name nor an
     *                                  IP address
     */
    static HostAllowList forBind(InetAddress bind, List<String> extra) {
        Set<String> names = new HashSet<>();
        Set<InetAddress> addresses = new HashSet<>();
        names.add("localhost");
        addresses.add(bind);
        if (bind.isAnyLocalAddress()) {
            addresses.addAll(interfaceAddresses());
            try {
                InetAddress self = InetAddress.getLocalHost();
                names.add(self.getHostName().toLowerCase(Locale.ROOT));
                names.add(self.getCanonicalHostName().toLowerCase(Locale.ROOT));
            } catch (UnknownHostException e) {
                // a machine whose own name does not resolve: its addresses still do
            }
        }
        for (String e : extra) {
            InetAddress literal = literal(e);
            String name = e.toLowerCase(Locale.ROOT);
            if (literal != null) {
                addresses.add(literal);
            } else if (NAME.matcher(name).matches()) {
                names.add(name);
            } else {
                throw new IllegalArgumentException("dashboard host '" + e
                        + "' is neither a host name (letters, digits, '-' and '.', no port) nor an IP address");
            }
        }
        names.removeIf(n -> literal(n) != null);
        return new HostAllowList(names, addresses);
    }

    /** Whether a {@code Host} header value (host and optional port) names this server; null is not. */
    boolean allows(String hostHeader) {
        String host = hostOf(hostHeader);
        if (host == null) {
            return false;
        }
        InetAddress literal = literal(host);
        if (literal != null) {
            return literal.isLoopbackAddress() || addresses.contains(literal);
        }
        return names.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * The host of a {@code Host} value without its port ({@code [::1]:80} gives {@code [::1]}), or null
     * when it is not of that form.
     */
    static String hostOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String host;
        String port;
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = hostHeader.substring(0, close + 1);
            port = hostHeader.substring(close + 1);
        } else {
            int colon = hostHeader.indexOf(':');
            host = colon < 0 ? hostHeader : hostHeader.substring(0, colon);
            port = colon < 0 ? "" : hostHeader.substring(colon);
        }
        if (host.isEmpty() || !(port.isEmpty() || port.matches(":\\d{1,5}"))) {
            return null;
        }
        return host;
    }

    /**
     * The address written in {@code host} (dotted IPv4, IPv6 bracketed or not), or null when it is not an
     * address; never a DNS lookup.
     */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v6 = h.indexOf(':') >= 0 && h.matches("[0-9A-Fa-f:.]+");
        if (!v6 && !IPV4.matcher(h).matches()) {
            return null;
        }
        try {
            if (!v6) {
                if (host.startsWith("[")) {
                    return null;
                }
                String[] parts = h.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int b = Integer.parseInt(parts[i]);
                    if (b > 255) {
                        return null;
                    }
                    bytes[i] = (byte) b;
                }
                return InetAddress.getByAddress(bytes);
            }
            // text with a colon is parsed as an IPv6 literal, never looked up
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> all = new HashSet<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    all.add(a instanceof Inet6Address six ? withoutScope(six) : a);
                }
            }
        } catch (SocketException e) {
            // no interface list: the loopback and the given names remain
        }
        return all;
    }

    private static InetAddress withoutScope(Inet6Address a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            return a;
        }
    }
}
