package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.DnsRecord.Type;

import org.junit.jupiter.api.Test;

class CloudflareContentTest {

    @Test
    void txtIsWrittenAsQuotedStringsOfAtMost255Characters() {
        String value = "a".repeat(300);
        assertThat(CloudflareContent.forWrite(Type.TXT, value))
                .isEqualTo("\"" + "a".repeat(255) + "\" \"" + "a".repeat(45) + "\"");
        assertThat(CloudflareContent.forWrite(Type.TXT, "say \"hi\""))
                .isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void readBackTxtIsComparedUnquotedWhetherOrNotItWasQuoted() {
        assertThat(CloudflareContent.normalise(Type.TXT, "\"ab\" \"cd\"")).isEqualTo("abcd");
        assertThat(CloudflareContent.normalise(Type.TXT, "gh-verify=x")).isEqualTo("gh-verify=x");
        assertThat(
                        CloudflareContent.normalise(
                                Type.TXT, CloudflareContent.forWrite(Type.TXT, "say \"hi\"")))
                .isEqualTo("say \"hi\"");
    }

    @Test
    void namesAndAddressesAreComparedCanonically() {
        assertThat(CloudflareContent.normalise(Type.CNAME, "Edge.Example.NET."))
                .isEqualTo("edge.example.net");
        assertThat(CloudflareContent.normalise(Type.AAAA, "2001:0db8:0:0::1"))
                .isEqualTo("2001:db8::1");
    }
}
