package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.DnsRecord;
import dev.gatehouse.domains.DnsRecord.Purpose;
import dev.gatehouse.domains.DnsRecord.Type;

import org.junit.jupiter.api.Test;

import java.util.List;

class RecordSetsTest {

    private static final DnsRecord TXT =
            new DnsRecord(Type.TXT, "_c.shop.example.com", "v", Purpose.OWNERSHIP);
    private static final DnsRecord CNAME =
            new DnsRecord(Type.CNAME, "shop.example.com", "edge.t.net", Purpose.ROUTING);
    private static final DnsRecord A1 =
            new DnsRecord(Type.A, "shop.example.com", "192.0.2.1", Purpose.ROUTING);
    private static final DnsRecord A2 =
            new DnsRecord(Type.A, "shop.example.com", "192.0.2.2", Purpose.ROUTING);
    private static final DnsRecord AAAA =
            new DnsRecord(Type.AAAA, "shop.example.com", "2001:db8::1", Purpose.ROUTING);

    @Test
    void addressesOfOneTypeAtOneNameFormOneSet() {
        assertThat(RecordSets.plan(List.of(TXT, A1, A2, AAAA), n -> false))
                .containsExactly(
                        new RecordSets.RecordSet("_c.shop.example.com", Type.TXT, List.of("v")),
                        new RecordSets.RecordSet(
                                "shop.example.com", Type.A, List.of("192.0.2.1", "192.0.2.2")),
                        new RecordSets.RecordSet(
                                "shop.example.com", Type.AAAA, List.of("2001:db8::1")));
    }

    @Test
    void aCnameIsPreferredOverAddressesBelowTheApex() {
        assertThat(RecordSets.plan(List.of(TXT, CNAME, A1, AAAA), n -> false))
                .containsExactly(
                        new RecordSets.RecordSet("_c.shop.example.com", Type.TXT, List.of("v")),
                        new RecordSets.RecordSet(
                                "shop.example.com", Type.CNAME, List.of("edge.t.net")));
    }

    @Test
    void atTheApexTheAddressesAreWrittenInsteadOfTheCname() {
        assertThat(RecordSets.plan(List.of(CNAME, A1), n -> n.equals("shop.example.com")))
                .containsExactly(
                        new RecordSets.RecordSet("shop.example.com", Type.A, List.of("192.0.2.1")));
    }

    @Test
    void aCnameAloneIsWrittenEvenAtTheApex() {
        assertThat(RecordSets.plan(List.of(CNAME), n -> true))
                .containsExactly(
                        new RecordSets.RecordSet(
                                "shop.example.com", Type.CNAME, List.of("edge.t.net")));
    }
}
