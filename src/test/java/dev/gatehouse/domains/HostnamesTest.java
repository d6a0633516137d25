package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

class HostnamesTest {

    private final Hostnames hostnames = new Hostnames(List.of("gatehouse.example.com"));

    private String valid(String input) {
        Hostnames.Check c = hostnames.check(input);
        assertThat(c).as(input).isInstanceOf(Hostnames.Valid.class);
        return ((Hostnames.Valid) c).hostname();
    }

    private String invalid(String input) {
        Hostnames.Check c = hostnames.check(input);
        assertThat(c).as(input).isInstanceOf(Hostnames.Invalid.class);
        return ((Hostnames.Invalid) c).reason().message();
    }

    @Test
    void normalisesCaseWhitespaceAndTrailingDot() {
        assertThat(valid("  Shop.Example.COM. ")).isEqualTo("shop.example.com");
    }

    @Test
    void convertsUnicodeToPunycodeWithUts46() {
        assertThat(valid("bücher.example.com")).isEqualTo("xn--bcher-kva.example.com");
        // IDNA 2008 non-transitional: ß stays a distinct letter (IDNA 2003 would map it to "ss").
        assertThat(valid("straße.de")).isEqualTo("xn--strae-oqa.de");
    }

    @Test
    void refusesPublicSuffixesThemselves() {
        assertThat(invalid("co.uk")).contains("public suffix");
        assertThat(invalid("com")).isNotEmpty();
        assertThat(valid("shop.co.uk")).isEqualTo("shop.co.uk");
    }

    @Test
    void refusesNamesUnderReservedSuffixes() {
        assertThat(invalid("tenant.gatehouse.example.com")).contains("reserved");
        assertThat(invalid("gatehouse.example.com")).contains("reserved");
        assertThat(valid("notgatehouse.example.com")).isEqualTo("notgatehouse.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "[2001:db8::1]", "2001:db8::1", "10.0.0.1."})
    void refusesIpLiterals(String input) {
        assertThat(invalid(input)).contains("IP address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*.example.com",
                "-shop.example.com",
                "shop-.example.com",
                "sh_op.example.com",
                "shop..example.com",
                "localhost",
                ""
            })
    void refusesMalformedNames(String input) {
        invalid(input);
    }

    @Test
    void enforcesLabelAndTotalLengths() {
        String label63 = "a".repeat(63);
        assertThat(valid(label63 + ".example.com")).startsWith(label63);
        invalid("a".repeat(64) + ".example.com");
        String longName = (label63 + ".").repeat(4) + "example.com"; // 256 + 11 characters
        assertThat(invalid(longName)).contains("253");
    }

    @Test
    void quickNormaliseIsTheCheapHotPathCheck() {
        assertThat(Hostnames.quickNormalise("Shop.Example.com.")).isEqualTo("shop.example.com");
        assertThat(Hostnames.quickNormalise("127.0.0.1")).isNull();
        assertThat(Hostnames.quickNormalise("*.example.com")).isNull();
        assertThat(Hostnames.quickNormalise("x".repeat(300))).isNull();
    }
}
