package dev.gatehouse.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The path bypass corpus as a property: for any generated raw path, either it is refused, or its
 * canonical form re-encoded is exactly what goes upstream, it parses back to itself, carries none
 * of the bypass shapes, and it reaches only endpoints and grants whose text matches its decoded
 * segments (checked against an independent regular-expression oracle); a refused path never
 * produces an {@link Decision.Allow}, so it never produces an upstream path.
 *
 * <p>The generator is our own (see the report: jqwik 1.10 asks not to be used by AI coding agents):
 * a seeded {@link SplittableRandom} concatenates fragments biased toward the known tricks. The seed
 * is printed in every failure message; set {@code -Dgateway.pathSeed=N} to replay one, and {@code
 * -Dgateway.pathTries=N} for a longer run.
 */
class PathBypassPropertyTest {

    private static final long SEED = Long.getLong("gateway.pathSeed", System.nanoTime());
    private static final int TRIES = Integer.getInteger("gateway.pathTries", 20_000);

    private static final String[] FRAGMENTS = {
        "a",
        "b",
        "customers",
        "42",
        "orders",
        "admin",
        "reports",
        "2026",
        "x.y",
        "~u",
        "-",
        "_",
        ".",
        "..",
        "...",
        "%2e",
        "%2E",
        "%2e%2e",
        "%2E%2e",
        ".%2e",
        "%2f",
        "%2F",
        "%5c",
        "%5C",
        "\\",
        "%00",
        "%0a",
        "%0D",
        "%09",
        "%7f",
        "%c2%85",
        ";",
        ";jsessionid=1",
        "%3b",
        "%3B",
        "?",
        "#",
        "%3f",
        "%3F",
        "%23",
        "%25",
        "%252e",
        "%252f",
        "%",
        "%4",
        "%g0",
        "%c0%af",
        "%c0%ae",
        "%e0%80%af",
        "%f0%80%80%af",
        "%ed%a0%80",
        "%ff",
        "%c3",
        "%C3%A9",
        "%c3%a9",
        "%e2%82%ac",
        "%F0%9F%98%80",
        "%ef%bc%8f",
        "%ef%bc%8e",
        "%e2%80%ae",
        "%20",
        "+",
        "%2B",
        "%2b",
        "%41",
        "!",
        "$",
        "&",
        "'",
        "(",
        ")",
        "*",
        ",",
        "=",
        ":",
        "@",
        " ",
        "\"",
        "<",
        "{id}",
        "%7Bid%7D",
        "|",
        "é",
        "\t",
        "\u0000",
        "/",
        "/",
        "/",
        "//",
        "/./",
        "/../",
        "Items('",
        "')",
        "Items%28%27",
        "%27%29",
        ".json",
        "files",
        "Items",
        "'",
    };

    private static final List<String> TEMPLATES =
            List.of(
                    "/customers",
                    "/customers/{id}",
                    "/customers/42",
                    "/customers/{id}/orders",
                    "/orders/{id}",
                    "/reports/{year}/{name}",
                    "/a/b",
                    "/a/{x}",
                    "/",
                    "/admin/x.y",
                    "/Items('{code}')",
                    "/files/{name}.json",
                    "/{entity}");

    private static final List<String[]> RULES =
            List.of(
                    new String[] {"GET", "/customers/{id}"},
                    new String[] {"GET", "/customers/42"},
                    new String[] {"*", "/reports/**"},
                    new String[] {"GET", "/a/*"},
                    new String[] {"POST", "/orders/*"},
                    new String[] {"GET", "/Items('{x}')"},
                    new String[] {"GET", "/files/a{n}"});

    @Test
    void everyGeneratedPathIsRefusedOrCanonicalAndReachesOnlyWhatItsTextMatches() {
        SplittableRandom random = new SplittableRandom(SEED);
        Catalog catalog = catalog();
        Policy policy = policy();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < TRIES; i++) {
            String raw = generate(random);
            String method = random.nextBoolean() ? "GET" : random.nextBoolean() ? "POST" : "PUT";
            String context = "seed " + SEED + ", try " + i + ", raw " + printable(raw);
            PathCheck check = CanonicalPath.parse(raw);
            Decision decision = decide(catalog, policy, method, raw);
            switch (check) {
                case InvalidPath invalid -> {
                    refused++;
                    assertThat(decision).as(context).isInstanceOf(Decision.Deny.class);
                    assertThat(((Decision.Deny) decision).reason())
                            .as(context)
                            .isEqualTo(DenyReason.INVALID_PATH);
                }
                case CanonicalPath path -> {
                    accepted++;
                    assertCanonical(path, context);
                    assertReachesOnlyWhatMatches(catalog, policy, method, path, decision, context);
                }
            }
        }
        // The generator must exercise both sides, or the property proves nothing.
        assertThat(accepted).as("seed " + SEED).isGreaterThan(TRIES / 50);
        assertThat(refused).as("seed " + SEED).isGreaterThan(TRIES / 2);
    }

    private static void assertCanonical(CanonicalPath path, String context) {
        String upstream = path.upstreamPath();
        assertThat(CanonicalPath.parse(upstream)).as(context).isEqualTo(path);
        assertThat(((CanonicalPath) CanonicalPath.parse(upstream)).upstreamPath())
                .as(context)
                .isEqualTo(upstream);
        assertThat(upstream).as(context).startsWith("/");
        assertThat(upstream).as(context).doesNotContain("//", "\\", ";", "?", "#", " ");
        String lower = upstream.toLowerCase(Locale.ROOT);
        assertThat(lower)
                .as(context)
                .doesNotContain("%2e", "%2f", "%5c", "%00", "%25", "%3b", "%3f", "%23");
        assertThat(upstream.chars().allMatch(c -> c > 0x20 && c < 0x7F)).as(context).isTrue();
        if (!path.segments().isEmpty()) {
            String[] parts = upstream.substring(1).split("/", -1);
            assertThat(parts).as(context).hasSameSizeAs(path.segments().toArray());
            for (String part : parts) {
                assertThat(part).as(context).isNotEmpty().isNotIn(".", "..");
            }
        }
        for (String s : path.segments()) {
            assertThat(s).as(context).isNotEmpty().isNotIn(".", "..").doesNotContain("/", "\\");
            assertThat(s.chars().noneMatch(c -> c < 0x20 || c == 0x7F)).as(context).isTrue();
        }
    }

    private static void assertReachesOnlyWhatMatches(
            Catalog catalog,
            Policy policy,
            String method,
            CanonicalPath path,
            Decision decision,
            String context) {
        catalog.match(method, path)
                .ifPresent(
                        e ->
                                assertThat(oracle(e.template().text(), false, path))
                                        .as(context + " matched " + e.template())
                                        .isTrue());
        boolean anyTemplate =
                TEMPLATES.stream().anyMatch(t -> method.equals("GET") && oracle(t, false, path));
        if (method.equals("GET")) {
            assertThat(catalog.match(method, path).isPresent()).as(context).isEqualTo(anyTemplate);
        }
        if (decision instanceof Decision.Allow allow) {
            assertThat(allow.path().upstreamPath()).as(context).isEqualTo(path.upstreamPath());
            assertThat(allow.grant()).as(context).isNotNull();
            Rule rule = allow.grant().rule();
            assertThat(rule.method().equals("*") || rule.method().equals(method))
                    .as(context)
                    .isTrue();
            assertThat(oracle(rule.path().text(), true, path))
                    .as(context + " granted by " + rule)
                    .isTrue();
            assertThat(oracle(allow.endpoint().template().text(), false, path))
                    .as(context)
                    .isTrue();
        } else {
            boolean someRuleMatches =
                    RULES.stream()
                            .anyMatch(
                                    r ->
                                            (r[0].equals("*") || r[0].equals(method))
                                                    && oracle(r[1], true, path));
            boolean someEndpoint = catalog.match(method, path).isPresent();
            assertThat(someRuleMatches && someEndpoint)
                    .as(context + " was refused though a rule and an endpoint match")
                    .isFalse();
        }
    }

    /** An independent matcher: the template or pattern as a regular expression. */
    private static boolean oracle(String text, boolean pattern, CanonicalPath path) {
        String joined = "/" + String.join("/", path.segments());
        if (text.equals("/")) {
            return path.segments().isEmpty();
        }
        StringBuilder regex = new StringBuilder("^");
        for (String part : text.substring(1).split("/")) {
            regex.append('/');
            int open = part.indexOf('{');
            if (pattern && part.equals("*")) {
                regex.append("[^/]+");
            } else if (pattern && part.equals("**")) {
                regex.append("[^/]+(/[^/]+)*");
            } else if (open >= 0) {
                int close = part.indexOf('}');
                if (open > 0) {
                    regex.append(Pattern.quote(part.substring(0, open)));
                }
                regex.append("[^/]+");
                if (close < part.length() - 1) {
                    regex.append(Pattern.quote(part.substring(close + 1)));
                }
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.append('$').toString(), Pattern.DOTALL)
                .matcher(joined)
                .matches();
    }

    private static Decision decide(Catalog catalog, Policy policy, String method, String raw) {
        return RelayDecision.decide(
                new RelayFacts(
                        false,
                        new Admission.Admitted(CredentialKind.STANDARD),
                        List.of(policy),
                        Schedule.DEFAULT,
                        catalog,
                        method,
                        raw,
                        Instant.parse("2026-12-07T08:00:00Z")),
                RateCheck.unlimited());
    }

    private static Catalog catalog() {
        List<Endpoint> endpoints = new ArrayList<>();
        int n = 0;
        for (String t : TEMPLATES) {
            endpoints.add(new Endpoint("ep_" + n++, "GET", PathTemplate.parse(t).orElseThrow()));
        }
        endpoints.add(
                new Endpoint("ep_post", "POST", PathTemplate.parse("/orders/{id}").orElseThrow()));
        return new Catalog(endpoints);
    }

    private static Policy policy() {
        List<Rule> rules = new ArrayList<>();
        for (String[] r : RULES) {
            rules.add(Rule.parse(r[0], r[1]).orElseThrow());
        }
        return new Policy("pol_test", 1, "test", rules, true);
    }

    private static String generate(SplittableRandom random) {
        StringBuilder raw = new StringBuilder();
        int segments = 1 + random.nextInt(5);
        for (int s = 0; s < segments; s++) {
            raw.append('/');
            int parts = random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                raw.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            if (parts == 0 && random.nextInt(3) > 0) {
                raw.append(random.nextBoolean() ? "customers" : "a");
            }
        }
        if (random.nextInt(20) == 0) {
            raw.append('/');
        }
        return raw.toString();
    }

    private static String printable(String raw) {
        StringBuilder out = new StringBuilder("\"");
        raw.codePoints()
                .forEach(
                        c -> {
                            if (c < 0x20 || c >= 0x7F) {
                                out.append(String.format(Locale.ROOT, "\\u%04x", c));
                            } else {
                                out.appendCodePoint(c);
                            }
                        });
        return out.append('"').toString();
    }
}
