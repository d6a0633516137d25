package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A credential set's IP allowlist: IPv4 and IPv6 CIDR blocks; empty allows any address. Immutable
 * and thread-safe.
 *
 * <p>Only IP literals are parsed (never a host name, so nothing is resolved). A block written
 * without a prefix is one address ({@code /32}, {@code /128}). A block with bits set right of its
 * prefix ({@code 10.1.2.3/8}) is refused rather than silently widened or narrowed, with the network
 * it probably meant. At most {@value #MAX_ENTRIES} blocks.
 */
public final class AllowedIps {

    /** The most blocks one credential set may list. */
    public static final int MAX_ENTRIES = 100;

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final Pattern DOT = Pattern.compile("\\.");
    private static final AllowedIps ANY = new AllowedIps(List.of());

    private static final class Block {
        private final byte[] network;
        private final int prefix;
        private final String text;

        Block(byte[] network, int prefix, String text) {
            this.network = network.clone();
            this.prefix = prefix;
            this.text = text;
        }

        String text() {
            return text;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    /** The outcome of reading a list: the blocks, or a message per bad entry. */
    public record Parsed(AllowedIps ips, List<String> problems) {}

    private final List<Block> blocks;

    private AllowedIps(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Every address. */
    public static AllowedIps any() {
        return ANY;
    }

    /**
     * Reads {@code entries} as given by a client; every problem is reported (as a sentence about
     * the entry), never only the first.
     */
    public static Parsed parse(List<@Nullable String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            return new Parsed(
                    ANY,
                    List.of(
                            "must have at most "
                                    + MAX_ENTRIES
                                    + " entries, had "
                                    + entries.size()));
        }
        List<Block> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.strip();
            String problem = problemOf(entry);
            if (problem != null) {
                problems.add(problem);
                continue;
            }
            Block b = block(entry);
            if (out.stream().noneMatch(o -> o.text().equals(b.text()))) {
                out.add(b);
            }
        }
        return new Parsed(new AllowedIps(out), problems);
    }

    /** Blocks as stored (canonical, already checked); throws on anything else. */
    public static AllowedIps ofStored(List<String> stored) {
        Parsed p = parse(new ArrayList<>(stored));
        if (!p.problems().isEmpty()) {
            throw new IllegalStateException("stored allowlist is not valid: " + p.problems());
        }
        return p.ips();
    }

    /**
     * True when the list is empty or a block holds {@code client}; an unknown client (null) passes
     * only an empty list.
     */
    public boolean allows(@Nullable InetAddress client) {
        if (blocks.isEmpty()) {
            return true;
        }
        if (client == null) {
            return false;
        }
        byte[] address = client.getAddress();
        for (Block b : blocks) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The canonical blocks, such as {@code 203.0.113.0/24} and {@code 2001:db8:0:0:0:0:0:0/32}. */
    public List<String> blocks() {
        return blocks.stream().map(Block::text).toList();
    }

    private static @Nullable String problemOf(String entry) {
        String shown = "\"" + (entry.length() <= 60 ? entry : entry.substring(0, 60) + "…") + "\"";
        if (entry.isEmpty()) {
            return "an entry is empty; give an address such as 203.0.113.7 or a block such as"
                    + " 203.0.113.0/24";
        }
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = literal(host);
        if (address == null) {
            return shown
                    + " is not an IPv4 or IPv6 address or CIDR block (such as 203.0.113.0/24 or"
                    + " 2001:db8::/32)";
        }
        int max = address.getAddress().length * 8;
        if (slash >= 0) {
            String p = entry.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max) {
                return shown + " has a prefix length that is not a number from 0 to " + max;
            }
            int prefix = Integer.parseInt(p);
            byte[] network = masked(address.getAddress(), prefix);
            if (!java.util.Arrays.equals(network, address.getAddress())) {
                return shown
                        + " has address bits set right of the /"
                        + prefix
                        + " prefix; did you mean "
                        + text(network, prefix)
                        + "?";
            }
        }
        return null;
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address =
                java.util.Objects.requireNonNull(
                        literal(slash < 0 ? entry : entry.substring(0, slash)));
        byte[] bytes = address.getAddress();
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        return new Block(bytes, prefix, text(bytes, prefix));
    }

    private static String text(byte[] network, int prefix) {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + network.length + " bytes", e);
        }
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            int mask = bits == 0 ? 0 : (0xff << (8 - bits)) & 0xff;
            out[i] = (byte) (out[i] & mask);
        }
        return out;
    }

    /** The address a literal names, or null; never resolves a name. */
    static @Nullable InetAddress literal(String s) {
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !(IPV6.matcher(s).matches() && s.contains(":"))) {
            return null;
        }
        if (v4) {
            for (String part : DOT.split(s, -1)) {
                if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    return null;
                }
            }
        }
        try {
            // A literal: no lookup. An IPv4-mapped IPv6 literal comes back as IPv4.
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "AllowedIps" + blocks();
    }
}
