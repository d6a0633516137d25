package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The {@code last_check} column: the CAA preflight beside the records, and rows from before it. */
class LastCheckJsonTest {

    private static final RecordCheck TXT =
            new RecordCheck(
                    new DnsRecord(
                            DnsRecord.Type.TXT,
                            "_gatehouse-challenge.shop.example.com",
                            "gh-verify=abc",
                            DnsRecord.Purpose.OWNERSHIP),
                    List.of("gh-verify=other"),
                    false,
                    RecordCheck.Outcome.MISMATCH);

    @Test
    void recordsAndTheCaaPreflightRoundTrip() {
        CaaCheck caa =
                new CaaCheck(
                        CaaCheck.Reason.CA_NOT_PERMITTED,
                        "example.com",
                        List.of("0 issue \"digicert.com\""),
                        List.of("letsencrypt.org", "sectigo.com"));

        LastCheckJson.Stored read = LastCheckJson.read(LastCheckJson.write(List.of(TXT), caa));

        assertThat(read.records()).containsExactly(TXT);
        assertThat(read.caa()).isEqualTo(caa);
        assertThat(read.caa().status()).isEqualTo(CaaCheck.Status.FORBIDDEN);
    }

    @Test
    void aCheckWithoutCaaAndNoDomainRoundTrips() {
        CaaCheck none =
                new CaaCheck(CaaCheck.Reason.NO_CAA, null, List.of(), List.of("letsencrypt.org"));

        assertThat(LastCheckJson.read(LastCheckJson.write(List.of(TXT), none)).caa())
                .isEqualTo(none);
        assertThat(LastCheckJson.read(LastCheckJson.write(List.of(TXT), null)).caa()).isNull();
    }

    @Test
    void aRowWrittenBeforeThePreflightIsTheBareArrayAndHasNoCaa() {
        String before =
                "[{\"type\":\"TXT\",\"name\":\"_gatehouse-challenge.shop.example.com\","
                        + "\"expected\":\"gh-verify=abc\",\"purpose\":\"ownership\","
                        + "\"found\":[\"gh-verify=other\"],\"ok\":false,\"outcome\":\"mismatch\"}]";

        LastCheckJson.Stored read = LastCheckJson.read(before);

        assertThat(read.records()).containsExactly(TXT);
        assertThat(read.caa()).isNull();
    }
}
