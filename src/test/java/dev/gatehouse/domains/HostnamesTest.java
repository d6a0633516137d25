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

    /**
     * The hot path's one-pass check accepts exactly what the rule it replaced accepted (split on
     * dots, a regular expression per label, IP literals refused), over many generated names that
     * sit on the rule's edges: label lengths near 63, hyphens at either end, digits only, empty
     * labels, upper case, Unicode that lower-cases to ASCII, colons and brackets.
     */
    @Test
    void quickNormaliseAgreesWithTheRegularExpressionRule() {
        java.util.Random random = new java.util.Random(20261208);
        String[] pieces = {
            "a",
            "z",
            "0",
            "9",
            "-",
            ".",
            "A",
            "\u212A",
            ":",
            "[",
            "]",
            "*",
            " ",
            "é",
            "x".repeat(62)
        };
        for (int n = 0; n < 200_000; n++) {
            StringBuilder name = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                name.append(pieces[random.nextInt(pieces.length)]);
            }
            if (random.nextInt(4) == 0) {
                name.append(".example.com");
            }
            String input = name.toString();
            assertThat(Hostnames.quickNormalise(input)).as(input).isEqualTo(byRegex(input));
        }
        for (String edge :
                List.of(
                        "1.2.3.4", "1.2", "1.com", "a.1", "a-.b", "-a.b", "a..b", "a.b.",
                        "a.b..")) {
            assertThat(Hostnames.quickNormalise(edge)).as(edge).isEqualTo(byRegex(edge));
        }
    }

    /** The rule as it was written before the one-pass check. */
    private static @org.jspecify.annotations.Nullable String byRegex(String input) {
        if (input.length() > 254) {
            return null;
        }
        String s = input.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (s.isEmpty()
                || com.google.common.net.InetAddresses.isInetAddress(bare)
                || s.matches("^[0-9.]+$")
                || s.length() > 253) {
            return null;
        }
        String[] labels = s.split("\\.", -1);
        if (labels.length < 2) {
            return null;
        }
        for (String label : labels) {
            if (label.length() > 63 || !label.matches("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")) {
                return null;
            }
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "☃.net",
                "xn--n3h.net",
                "i♥ny.example.com",
                "shop.☃.example.com",
                "a\u00BDb.example.com",
                "\u1100.example.com"
            })
    void refusesCodePointsIdna2008Disallows(String input) {
        assertThat(invalid(input)).isEqualTo(Hostnames.Reason.IDNA.message());
    }

    @Test
    void keepsValidInternationalisedNamesAsALabels() {
        assertThat(valid("xn--bcher-kva.example.com")).isEqualTo("xn--bcher-kva.example.com");
        assertThat(valid("BÜCHER.example.com")).isEqualTo("xn--bcher-kva.example.com");
        assertThat(valid("مثال.example.com")).isEqualTo("xn--mgbh0fb.example.com");
        assertThat(valid("例子.example.com")).isEqualTo("xn--fsqu00a.example.com");
        assertThat(valid("ελληνικά.example.com")).startsWith("xn--");
    }

    @Test
    void checksTheContextRulesOfIdna2008() {
        // CONTEXTO: the Catalan middle dot only between two l's.
        assertThat(valid("col·lecció.example.com")).startsWith("xn--");
        invalid("a·b.example.com");
        // CONTEXTJ: a zero-width joiner only after a virama.
        invalid("a\u200Db.example.com");
    }

    @Test
    void wildcardsAreRefusedInAWholeSentence() {
        assertThat("The hostname " + invalid("*.example.com") + ".")
                .isEqualTo("The hostname is a wildcard, and wildcard hostnames are not supported.");
    }

    /**
     * Every symbol and punctuation code point of Unicode's first three planes, one by one (an
     * exhaustive property rather than a sample): none ends up in an accepted label. Some are mapped
     * by UTS 46 to letters first (🈯 to 指) and the letter is accepted; the Tibetan tsheg (U+0F0B)
     * is PVALID by RFC 5892's exceptions.
     */
    @Test
    void noSymbolOrPunctuationIsEverAcceptedAndAcceptedNamesAreStable() {
        List<String> accepted = new java.util.ArrayList<>();
        int tried = 0;
        for (int cp = 0x21; cp <= 0x2FFFF; cp++) {
            int type = Character.getType(cp);
            boolean symbol =
                    type == Character.MATH_SYMBOL
                            || type == Character.OTHER_SYMBOL
                            || type == Character.CURRENCY_SYMBOL
                            || type == Character.MODIFIER_SYMBOL
                            || type == Character.OTHER_PUNCTUATION
                            || type == Character.DASH_PUNCTUATION && cp != '-';
            if (symbol && cp != '.') {
                tried++;
                if (hostnames.check("a" + Character.toString(cp) + "b.example.com")
                                instanceof Hostnames.Valid(String h)
                        && java.net.IDN.toUnicode(h).contains(Character.toString(cp))
                        && cp != 0x0F0B) {
                    accepted.add(Integer.toHexString(cp) + " as " + h);
                }
            }
        }
        assertThat(tried).isGreaterThan(5000);
        assertThat(accepted).isEmpty();
    }

    @Test
    void everyAcceptedLetterNameIsAnAsciiALabelNameThatChecksToItself() {
        for (int cp = 0xA0; cp <= 0x2FFF; cp++) {
            if (hostnames.check("a" + Character.toString(cp) + ".example.com")
                    instanceof Hostnames.Valid(String h)) {
                assertThat(h).as(Integer.toHexString(cp)).matches("[a-z0-9.-]+");
                assertThat(hostnames.check(h)).isEqualTo(new Hostnames.Valid(h));
            }
        }
    }
}
