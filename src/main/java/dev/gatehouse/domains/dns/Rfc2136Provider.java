package dev.gatehouse.domains.dns;

import com.google.common.net.InetAddresses;

import dev.gatehouse.domains.DnsRecord;
import dev.gatehouse.kernel.web.RestrictedAddresses;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link DnsProvider} by RFC 2136 dynamic update, signed with TSIG (RFC 8945), over TCP. All record
 * sets go in one update message, so the server applies them together or not at all. The answer must
 * be NOERROR and carry a valid TSIG signature of the same key; anything else fails. In production
 * the server's resolved address must be public (see {@link RestrictedAddresses}).
 */
final class Rfc2136Provider implements DnsProvider {

    static final long TTL = 300;

    private final ProviderConfig.Rfc2136 config;
    private final byte[] key;
    private final Duration timeout;
    private final boolean production;

    /**
     * @param key the raw TSIG key; copied, so the caller may zero its array
     */
    Rfc2136Provider(
            ProviderConfig.Rfc2136 config, byte[] key, Duration timeout, boolean production) {
        this.config = config;
        this.key = key.clone();
        this.timeout = timeout;
        this.production = production;
    }

    @Override
    public Result apply(List<DnsRecord> records) {
        Name zone;
        try {
            zone = absolute(config.zone());
        } catch (TextParseException e) {
            return new Failed("zone is not a DNS name");
        }
        Update update = new Update(zone);
        for (RecordSets.RecordSet set :
                RecordSets.plan(records, n -> n.equalsIgnoreCase(config.zone()))) {
            try {
                Name owner = absolute(set.name());
                if (!owner.subdomain(zone)) {
                    return new Failed("record " + set.name() + " is outside zone " + config.zone());
                }
                for (DnsRecord.Type conflicting : RecordSets.conflicting(set.type())) {
                    update.delete(owner, type(conflicting));
                }
                update.delete(owner, type(set.type()));
                for (String value : set.values()) {
                    update.add(record(owner, set.type(), value));
                }
            } catch (TextParseException | IllegalArgumentException e) {
                return new Failed(
                        "record "
                                + set.name()
                                + " "
                                + set.type()
                                + " cannot be written: "
                                + e.getMessage());
            }
        }
        return send(update);
    }

    private Result send(Update update) {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.server());
        } catch (UnknownHostException e) {
            return new Failed("server " + config.server() + " does not resolve");
        }
        if (production && RestrictedAddresses.restricted(address)) {
            return new Failed("server " + config.server() + " resolves to a non-public address");
        }
        try {
            SimpleResolver resolver =
                    new SimpleResolver(new InetSocketAddress(address, config.port()));
            resolver.setTCP(true);
            resolver.setTimeout(timeout);
            resolver.setTSIGKey(
                    new TSIG(
                            TSIG.algorithmToName(config.tsigAlgorithm()),
                            absolute(config.tsigKeyName()),
                            key));
            Message response = resolver.send(update);
            if (response.getRcode() != Rcode.NOERROR) {
                return new Failed("server answered " + Rcode.string(response.getRcode()));
            }
            if (!response.isVerified()) {
                return new Failed("server's answer is not signed with the key");
            }
            return new Written();
        } catch (IOException e) {
            return new Failed(
                    "server "
                            + config.server()
                            + ":"
                            + config.port()
                            + " did not answer ("
                            + e.getClass().getSimpleName()
                            + ")");
        }
    }

    private static Record record(Name owner, DnsRecord.Type type, String value)
            throws TextParseException {
        return switch (type) {
            case TXT -> new TXTRecord(owner, DClass.IN, TTL, txtStrings(value));
            case CNAME -> new CNAMERecord(owner, DClass.IN, TTL, absolute(value));
            case A -> new ARecord(owner, DClass.IN, TTL, InetAddresses.forString(value));
            case AAAA -> new AAAARecord(owner, DClass.IN, TTL, InetAddresses.forString(value));
        };
    }

    /** The value in strings of at most 255 bytes, escaped for dnsjava's text parser. */
    private static List<String> txtStrings(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bytes.length || i == 0; i += 255) {
            String part =
                    new String(
                            bytes, i, Math.min(255, bytes.length - i), StandardCharsets.US_ASCII);
            out.add(part.replace("\\", "\\\\").replace("\"", "\\\""));
        }
        return out;
    }

    private static int type(DnsRecord.Type type) {
        return switch (type) {
            case TXT -> Type.TXT;
            case CNAME -> Type.CNAME;
            case A -> Type.A;
            case AAAA -> Type.AAAA;
        };
    }

    private static Name absolute(String name) throws TextParseException {
        String n = name.toLowerCase(Locale.ROOT);
        return Name.fromString(n.endsWith(".") ? n : n + ".");
    }
}
