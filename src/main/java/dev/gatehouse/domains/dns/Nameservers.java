package dev.gatehouse.domains.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Parses {@code host[:port]} nameserver entries: {@code 10.0.0.53}, {@code ns.example:5353}, {@code
 * [::1]:5353}, {@code ::1}.
 */
final class Nameservers {

    static final int DNS_PORT = 53;

    private Nameservers() {}

    /**
     * @throws IllegalArgumentException naming the entry when it is malformed or its host cannot be
     *     resolved
     */
    static List<InetSocketAddress> parse(List<String> entries) {
        return entries.stream()
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .map(Nameservers::parse)
                .toList();
    }

    static InetSocketAddress parse(String entry) {
        String host = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw bad(entry, "missing ']'");
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(entry, "expected ':' after ']'");
                }
                port = rest.substring(1);
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw bad(entry, "empty host");
        }
        try {
            return new InetSocketAddress(
                    InetAddress.getByName(host), port == null ? DNS_PORT : port(entry, port));
        } catch (UnknownHostException e) {
            throw bad(entry, "cannot resolve the host");
        }
    }

    private static int port(String entry, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw bad(entry, "port must be between 1 and 65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw bad(entry, "port is not a number");
        }
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("bad nameserver '" + entry + "': " + why);
    }
}
