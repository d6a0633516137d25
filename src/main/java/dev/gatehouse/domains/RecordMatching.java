package dev.gatehouse.domains;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Value checks of DNS answers against the records a connection needs. Pure.
 *
 * <ul>
 *   <li>TXT: some TXT string equals the challenge exactly.
 *   <li>CNAME: the CNAME equals the target, case-insensitively, trailing dot ignored.
 *   <li>A/AAAA: the answers contain every desired address (one lookup per type, compared as sets).
 * </ul>
 */
final class RecordMatching {

    private RecordMatching() {}

    /** Checks every record, asking {@code dns} once per distinct name and type. */
    static List<RecordCheck> check(List<DnsRecord> records, DnsLookup dns) {
        Map<String, DnsLookup.Answer> answers = new LinkedHashMap<>();
        List<RecordCheck> out = new ArrayList<>(records.size());
        for (DnsRecord r : records) {
            DnsLookup.Answer a =
                    answers.computeIfAbsent(
                            r.type() + " " + r.name(), k -> dns.lookup(r.name(), r.type()));
            out.add(match(r, a));
        }
        return out;
    }

    static RecordCheck match(DnsRecord record, DnsLookup.Answer answer) {
        return switch (answer) {
            case DnsLookup.Found(List<String> values) -> {
                List<String> found = values.stream().map(v -> normalise(record.type(), v)).toList();
                boolean ok = found.contains(normalise(record.type(), record.value()));
                yield new RecordCheck(
                        record,
                        found,
                        ok,
                        ok ? RecordCheck.Outcome.MATCH : RecordCheck.Outcome.MISMATCH);
            }
            case DnsLookup.NoRecords n ->
                    new RecordCheck(record, List.of(), false, RecordCheck.Outcome.NO_RECORDS);
            case DnsLookup.NxDomain n ->
                    new RecordCheck(record, List.of(), false, RecordCheck.Outcome.NXDOMAIN);
            case DnsLookup.ServFail s ->
                    new RecordCheck(record, List.of(), false, RecordCheck.Outcome.SERVFAIL);
            case DnsLookup.Timeout t ->
                    new RecordCheck(record, List.of(), false, RecordCheck.Outcome.TIMEOUT);
        };
    }

    private static String normalise(DnsRecord.Type type, String value) {
        return switch (type) {
            case TXT -> value;
            case CNAME -> {
                String v = value.toLowerCase(Locale.ROOT);
                yield v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
            }
            case A, AAAA -> canonicalAddress(value);
        };
    }

    private static String canonicalAddress(String value) {
        try {
            return com.google.common.net.InetAddresses.toAddrString(
                    com.google.common.net.InetAddresses.forString(value));
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
