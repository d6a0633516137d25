package dev.gatehouse.domains.dns;

import dev.gatehouse.domains.DnsRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Groups a connection's records into the record sets a provider writes. Pure.
 *
 * <p>A target may offer both a CNAME and addresses, but a CNAME cannot share its name with other
 * data: the CNAME is written unless the name is the zone apex (which cannot hold a CNAME), where
 * the addresses are written instead.
 */
final class RecordSets {

    private RecordSets() {}

    /** One RRset: every value of one type at one name. */
    record RecordSet(String name, DnsRecord.Type type, List<String> values) {
        RecordSet {
            values = List.copyOf(values);
        }
    }

    /**
     * @param isApex whether a name is the apex of the provider's zone
     */
    static List<RecordSet> plan(List<DnsRecord> records, Predicate<String> isApex) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        Map<String, DnsRecord> first = new LinkedHashMap<>();
        for (DnsRecord r : records) {
            if (r.purpose() == DnsRecord.Purpose.ROUTING && !wanted(r, records, isApex)) {
                continue;
            }
            String key = r.type() + " " + r.name();
            first.putIfAbsent(key, r);
            List<String> values = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (!values.contains(r.value())) {
                values.add(r.value());
            }
        }
        List<RecordSet> out = new ArrayList<>();
        byKey.forEach(
                (key, values) ->
                        out.add(
                                new RecordSet(
                                        Objects.requireNonNull(first.get(key)).name(),
                                        Objects.requireNonNull(first.get(key)).type(),
                                        values)));
        return out;
    }

    private static boolean wanted(DnsRecord r, List<DnsRecord> all, Predicate<String> isApex) {
        boolean hasCname =
                all.stream()
                        .anyMatch(
                                o -> o.name().equals(r.name()) && o.type() == DnsRecord.Type.CNAME);
        boolean hasAddresses =
                all.stream()
                        .anyMatch(
                                o ->
                                        o.name().equals(r.name())
                                                && (o.type() == DnsRecord.Type.A
                                                        || o.type() == DnsRecord.Type.AAAA));
        boolean useCname = hasCname && !(hasAddresses && isApex.test(r.name()));
        return r.type() == DnsRecord.Type.CNAME ? useCname : !useCname;
    }

    /**
     * The types a set of {@code type} cannot coexist with at its name (removed when it is written).
     */
    static List<DnsRecord.Type> conflicting(DnsRecord.Type type) {
        return switch (type) {
            case CNAME -> List.of(DnsRecord.Type.A, DnsRecord.Type.AAAA);
            case A, AAAA -> List.of(DnsRecord.Type.CNAME);
            case TXT -> List.of();
        };
    }
}
