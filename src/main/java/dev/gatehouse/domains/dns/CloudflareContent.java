package dev.gatehouse.domains.dns;

import com.google.common.net.InetAddresses;

import dev.gatehouse.domains.DnsRecord;

import java.util.Locale;

/**
 * Record content as Cloudflare holds it. TXT content is written as RFC 1035 quoted strings of at
 * most 255 characters (Cloudflare documents that form); content read back is compared after
 * un-quoting, so a record created unquoted in Cloudflare's dashboard matches too.
 */
final class CloudflareContent {

    private CloudflareContent() {}

    static String forWrite(DnsRecord.Type type, String value) {
        if (type != DnsRecord.Type.TXT) {
            return value;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() || i == 0; i += 255) {
            String part = value.substring(i, Math.min(value.length(), i + 255));
            b.append(b.isEmpty() ? "" : " ")
                    .append('"')
                    .append(part.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return b.toString();
    }

    /** Content in the form values are compared in. */
    static String normalise(DnsRecord.Type type, String content) {
        return switch (type) {
            case TXT -> unquote(content);
            case CNAME -> {
                String v = content.toLowerCase(Locale.ROOT);
                yield v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
            }
            case A, AAAA ->
                    InetAddresses.isInetAddress(content)
                            ? InetAddresses.toAddrString(InetAddresses.forString(content))
                            : content;
        };
    }

    /**
     * {@code "ab" "cd"} → {@code abcd}; text that does not start with a quote is taken as it is.
     */
    static String unquote(String content) {
        String s = content.strip();
        if (!s.startsWith("\"")) {
            return content;
        }
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inside = !inside;
            } else if (inside && c == '\\' && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else if (inside) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
