package dev.gatehouse.domains.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import dev.gatehouse.domains.DnsLookup;
import dev.gatehouse.domains.DnsRecord;

/**
 * {@link DnsLookup} with dnsjava: one query per call to the configured nameservers (or the
 * system's), no cache, TCP when the answer is truncated. Thread-safe.
 */
public final class DnsjavaLookup implements DnsLookup {

    private final Resolver resolver;

    /**
     * @param nameservers {@code host[:port]} entries; empty means the system resolvers
     * @param timeout per query
     */
    public DnsjavaLookup(List<String> nameservers, Duration timeout) {
        try {
            List<Resolver> resolvers = new ArrayList<>();
            if (nameservers.isEmpty()) {
                ResolverConfig.getCurrentConfig().servers()
                        .forEach(s -> resolvers.add(new SimpleResolver(s)));
            } else {
                for (String ns : nameservers) {
                    resolvers.add(simple(ns));
                }
            }
            ExtendedResolver r = new ExtendedResolver(resolvers);
            r.setTimeout(timeout);
            r.setRetries(1);
            this.resolver = r;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve a nameserver: " + e.getMessage(), e);
        }
    }

    private static SimpleResolver simple(String hostPort) throws UnknownHostException {
        String host = hostPort;
        int port = 53;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } else if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = hostPort.substring(1, close);
            if (close + 1 < hostPort.length()) {
                port = Integer.parseInt(hostPort.substring(close + 2));
            }
        }
        SimpleResolver r = new SimpleResolver(InetAddress.getByName(host));
        r.setPort(port);
        return r;
    }

    @Override
    public Answer lookup(String name, DnsRecord.Type type) {
        int qtype = switch (type) {
            case TXT -> Type.TXT;
            case CNAME -> Type.CNAME;
            case A -> Type.A;
            case AAAA -> Type.AAAA;
        };
        Message response;
        try {
            Name qname = Name.fromString(name.endsWith(".") ? name : name + ".");
            response = resolver.send(Message.newQuery(Record.newRecord(qname, qtype, DClass.IN)));
        } catch (TextParseException e) {
            return new NxDomain();
        } catch (IOException e) {
            return new Timeout();
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new NxDomain();
        }
        if (rcode != Rcode.NOERROR) {
            return new ServFail();
        }
        List<String> values = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() != qtype) {
                continue;
            }
            switch (r) {
                case TXTRecord t -> values.add(String.join("", t.getStrings()));
                case CNAMERecord c -> values.add(lower(c.getTarget().toString(true)));
                case ARecord a -> values.add(a.getAddress().getHostAddress());
                case AAAARecord a -> values.add(a.getAddress().getHostAddress());
                default -> { }
            }
        }
        return values.isEmpty() ? new NoRecords() : new Found(values);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
