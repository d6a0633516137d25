package dev.gatehouse.domains.dns;

import com.google.common.net.InetAddresses;

import dev.gatehouse.domains.DnsLookup;
import dev.gatehouse.domains.DnsRecord;

import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link DnsLookup} with dnsjava: asks the configured nameservers directly, never caches, falls
 * back to TCP when a UDP answer is truncated. Thread-safe; never logs (TXT values are challenges).
 *
 * <p>Time: {@code timeout} bounds the <em>whole</em> lookup, not one packet. The attempts go round
 * the nameservers in order (each one twice) until one answers or the budget is spent; each attempt
 * gets {@code max(timeout / (2 × nameservers), 250 ms)}, never more than what is left. With one
 * nameserver and 3 s that is two tries of 1.5 s. A truncated answer's TCP retry runs inside the
 * same attempt's budget.
 *
 * <p>Outcomes: NXDOMAIN is {@link NxDomain}; NOERROR without a record of the type asked is {@link
 * NoRecords}; any other response code (SERVFAIL, REFUSED...) from every nameserver is {@link
 * ServFail}; no answer at all within the budget is {@link Timeout}. A SERVFAIL from one nameserver
 * moves on to the next while time remains.
 *
 * <p>Values: TXT strings of one record joined without separator (raw bytes as UTF-8), CNAME targets
 * lower-cased without the trailing dot, addresses in canonical text (RFC 5952 for IPv6), CAA
 * records as flags, tag and value (raw bytes as UTF-8). A CAA query at an alias reads the target's
 * records from the same answer when the resolver followed the CNAME (a recursive resolver does; an
 * authoritative server does within its zones).
 */
public final class DnsjavaLookup implements DnsLookup {

    private static final Duration MIN_ATTEMPT = Duration.ofMillis(250);
    private static final int ROUNDS = 2;

    private final List<InetSocketAddress> servers;
    private final Duration timeout;

    /**
     * @param nameservers {@code host[:port]} entries ({@code [v6]:port} for IPv6); empty means the
     *     system resolvers
     * @param timeout the bound of one {@link #lookup}, all attempts included
     * @throws IllegalArgumentException for a malformed entry or a timeout that is not positive
     */
    public DnsjavaLookup(List<String> nameservers, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        List<InetSocketAddress> parsed = Nameservers.parse(nameservers);
        this.servers = parsed.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : parsed;
        if (servers.isEmpty()) {
            throw new IllegalArgumentException(
                    "no nameservers configured and none found on the system");
        }
        this.timeout = timeout;
    }

    @Override
    public Answer lookup(String name, DnsRecord.Type type) {
        int qtype =
                switch (type) {
                    case TXT -> Type.TXT;
                    case CNAME -> Type.CNAME;
                    case A -> Type.A;
                    case AAAA -> Type.AAAA;
                };
        return switch (query(name, qtype)) {
            case Response(Message m) -> values(m, qtype);
            case Failed(Answer failure) -> failure;
        };
    }

    @Override
    public CaaAnswer caa(String name) {
        return switch (query(name, Type.CAA)) {
            case Response(Message m) -> caaRecords(m);
            case Failed(NxDomain n) -> n;
            case Failed(ServFail f) -> f;
            case Failed(Timeout t) -> t;
            case Failed(Answer other) -> new ServFail();
        };
    }

    /** A NOERROR response to read, or the answer that says why there is none. */
    private sealed interface Outcome permits Response, Failed {}

    private record Response(Message message) implements Outcome {}

    private record Failed(Answer answer) implements Outcome {}

    private Outcome query(String name, int qtype) {
        Message query;
        try {
            Name qname = Name.fromString(name.endsWith(".") ? name : name + ".");
            query = Message.newQuery(Record.newRecord(qname, qtype, DClass.IN));
        } catch (TextParseException e) {
            return new Failed(new NxDomain());
        }
        @Nullable Message response = ask(query);
        if (response == null) {
            return new Failed(new Timeout());
        }
        return switch (response.getRcode()) {
            case Rcode.NXDOMAIN -> new Failed(new NxDomain());
            case Rcode.NOERROR -> new Response(response);
            default -> new Failed(new ServFail());
        };
    }

    /**
     * The first NOERROR/NXDOMAIN answer, else the last other answer, else null when nobody answered
     * in time.
     */
    private @Nullable Message ask(Message query) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration perAttempt = timeout.dividedBy((long) ROUNDS * servers.size());
        if (perAttempt.compareTo(MIN_ATTEMPT) < 0) {
            perAttempt = MIN_ATTEMPT;
        }
        @Nullable Message failure = null;
        for (int attempt = 0; attempt < ROUNDS * servers.size(); attempt++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Duration budget = Duration.ofNanos(Math.min(left, perAttempt.toNanos()));
            @Nullable Message m = send(servers.get(attempt % servers.size()), query, budget);
            if (m != null) {
                int rcode = m.getRcode();
                if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                    return m;
                }
                failure = m;
            }
        }
        return failure;
    }

    private static @Nullable Message send(
            InetSocketAddress server, Message query, Duration budget) {
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(budget);
        try {
            return r.sendAsync(query.clone())
                    .toCompletableFuture()
                    .get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Answer values(Message response, int qtype) {
        List<String> values = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() != qtype) {
                continue;
            }
            switch (r) {
                case TXTRecord t -> values.add(joined(t));
                case CNAMERecord c -> values.add(hostname(c.getTarget()));
                case ARecord a -> values.add(InetAddresses.toAddrString(a.getAddress()));
                case AAAARecord a -> values.add(InetAddresses.toAddrString(a.getAddress()));
                default -> {}
            }
        }
        return values.isEmpty() ? new NoRecords() : new Found(values);
    }

    /** The CAA records of the answer, a CNAME's target's included (the CNAMEs themselves not). */
    private static CaaAnswer caaRecords(Message response) {
        List<Caa> records = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof CAARecord c) {
                records.add(
                        new Caa(
                                c.getFlags(),
                                c.getTag(),
                                new String(c.getValueAsByteArray(), StandardCharsets.UTF_8)));
            }
        }
        return records.isEmpty() ? new NoRecords() : new CaaFound(records);
    }

    private static String joined(TXTRecord t) {
        StringBuilder b = new StringBuilder();
        for (byte[] part : t.getStringsAsByteArrays()) {
            b.append(new String(part, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static String hostname(Name target) {
        return target.toString(true).toLowerCase(Locale.ROOT);
    }
}
