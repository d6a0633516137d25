package dev.gatehouse.gateway.policy;

import static dev.gatehouse.gateway.policy.PolicyFixture.endpoint;
import static dev.gatehouse.gateway.policy.PolicyFixture.path;
import static dev.gatehouse.gateway.policy.PolicyFixture.rule;
import static dev.gatehouse.gateway.policy.PolicyFixture.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

class RulesAndTemplatesTest {

    @Test
    void aParameterMatchesExactlyOneNonEmptySegment() {
        PathTemplate t = template("/customers/{id}");
        assertThat(t.matches(path("/customers/42"))).isTrue();
        assertThat(t.matches(path("/customers"))).isFalse();
        assertThat(t.matches(path("/customers/42/orders"))).isFalse();
        assertThat(t.matches(path("/Customers/42"))).isFalse();
        assertThat(template("/").matches(path("/"))).isTrue();
        assertThat(template("/").matches(path("/a"))).isFalse();
    }

    @Test
    void literalsCompareWithDecodedSegments() {
        assertThat(template("/a+b").matches(path("/a%2Bb"))).isTrue();
        assertThat(template("/items(1)").matches(path("/items%281%29"))).isTrue();
    }

    @Test
    void aParameterMayStandBetweenLiteralsAsODataKeysDo() {
        PathTemplate t = template("/BusinessPartners('{CardCode}')");
        assertThat(t.text()).isEqualTo("/BusinessPartners('{CardCode}')");
        assertThat(t.matches(path("/BusinessPartners('C001')"))).isTrue();
        assertThat(t.matches(path("/BusinessPartners%28%27C001%27%29"))).isTrue();
        assertThat(t.matches(path("/BusinessPartners('')"))).isFalse();
        assertThat(t.matches(path("/BusinessPartners"))).isFalse();
        assertThat(t.matches(path("/Orders('C001')"))).isFalse();
        assertThat(template("/files/{name}.json").matches(path("/files/a.json"))).isTrue();
        assertThat(template("/files/{name}.json").matches(path("/files/.json"))).isFalse();
    }

    @Test
    void aParameterBetweenLiteralsIsMoreSpecificThanAWholeSegmentOne() {
        Catalog catalog =
                new Catalog(
                        List.of(
                                endpoint("ep_any", "GET", "/{entity}"),
                                endpoint("ep_items", "GET", "/Items('{code}')"),
                                endpoint("ep_short", "GET", "/{x}')"),
                                endpoint("ep_one", "GET", "/Items('A1')")));
        assertThat(catalog.match("GET", path("/Items('A1')")).orElseThrow().id())
                .isEqualTo("ep_one");
        assertThat(catalog.match("GET", path("/Items('B2')")).orElseThrow().id())
                .isEqualTo("ep_items");
        assertThat(catalog.match("GET", path("/Orders('B2')")).orElseThrow().id())
                .isEqualTo("ep_short");
        assertThat(catalog.match("GET", path("/Orders")).orElseThrow().id()).isEqualTo("ep_any");
    }

    @Test
    void coverageOfParametersBetweenLiterals() {
        Endpoint items = endpoint("ep_items", "GET", "/Items('{code}')");
        assertThat(rule("GET", "/Items('A1')").covers(items)).isEqualTo(Coverage.PARTIAL);
        assertThat(rule("GET", "/*").covers(items)).isEqualTo(Coverage.FULL);
        assertThat(rule("GET", "/Items('{x}')").covers(items)).isEqualTo(Coverage.FULL);
        assertThat(rule("GET", "/It{x}").covers(items)).isEqualTo(Coverage.FULL);
        assertThat(rule("GET", "/{x}')").covers(items)).isEqualTo(Coverage.FULL);
        assertThat(rule("GET", "/Items('A{x}')").covers(items)).isEqualTo(Coverage.PARTIAL);
        assertThat(rule("GET", "/{x}.json").covers(items)).isEqualTo(Coverage.NONE);
        assertThat(rule("GET", "/Orders('{x}')").covers(items)).isEqualTo(Coverage.NONE);
        assertThat(rule("GET", "/Items").covers(items)).isEqualTo(Coverage.NONE);
        assertThat(rule("GET", "/Items('{x}')").grants("GET", path("/Items('Z9')"))).isTrue();
        assertThat(rule("GET", "/Items('{x}')").grants("GET", path("/Items('Z9')x"))).isFalse();
    }

    @ParameterizedTest(name = "template {0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "customers | must start with /",
                "/customers/ | must not end with /",
                "/a//b | must not contain an empty segment",
                "/a/../b | must not contain . or .. segments",
                "/a/{id}{x} | may hold one parameter per segment",
                "/a/x{} | may hold one parameter per segment",
                "/a/{id}/{id} | names the parameter {id} twice",
                "/a/* | must not contain * (wildcards belong in policy rules)",
                "/a%2Fb | must write characters as they are, without percent-encoding",
                "/a b | may only use A-Z a-z 0-9",
                "/a;x | may only use A-Z a-z 0-9",
            })
    void badTemplatesAreRefusedWithAReason(String text, String message) {
        List<Problem> problems = PathTemplate.parse(text).problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst().field()).isEqualTo("path_template");
        assertThat(problems.getFirst().message()).contains(message).contains(text);
    }

    @ParameterizedTest(name = "rule {0} {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "get | /a | method",
                "G3T | /a | method",
                "'' | /a | method",
                "GET | /a/**/b | path",
                "GET | /a/b* | path",
                "GET | /a/*.json | path",
                "GET | a | path",
                "GETTINGTOOLONGMETHOD | /a | method",
            })
    void badRulesAreRefusedOnTheRightField(String method, String path, String field) {
        List<Problem> problems = Rule.parse(method, path).problems();
        assertThat(problems).extracting(Problem::field).containsExactly(field);
    }

    @Test
    void writtenRulesReportEveryProblemWithItsIndex() {
        List<Problem> problems =
                Policy.parseRules(
                                List.of(
                                        new Policy.Written("GET", "/ok"),
                                        new Policy.Written("get", "/a/**/b"),
                                        new Policy.Written(null, "/x"),
                                        new Policy.Written("GET", "/ok")))
                        .problems();
        assertThat(problems)
                .extracting(Problem::field)
                .containsExactly("rules[1].method", "rules[1].path", "rules[2].method", "rules[3]");
        assertThat(Policy.parseRules(List.of()).problems()).isEmpty();
    }

    @Test
    void tooManyRulesAreRefused() {
        List<Policy.Written> many =
                java.util.stream.IntStream.rangeClosed(0, Policy.MAX_RULES)
                        .mapToObj(i -> new Policy.Written("GET", "/r" + i))
                        .toList();
        assertThat(Policy.parseRules(many).problems())
                .singleElement()
                .extracting(Problem::message)
                .asString()
                .contains("at most 200");
    }

    @Test
    void oneStarMatchesOneSegmentAndTheDoubleStarOneOrMore() {
        assertThat(rule("GET", "/a/*").grants("GET", path("/a/b"))).isTrue();
        assertThat(rule("GET", "/a/*").grants("GET", path("/a"))).isFalse();
        assertThat(rule("GET", "/a/*").grants("GET", path("/a/b/c"))).isFalse();
        Rule rest = rule("GET", "/reports/**");
        assertThat(rest.grants("GET", path("/reports/2026"))).isTrue();
        assertThat(rest.grants("GET", path("/reports/2026/q1/x"))).isTrue();
        assertThat(rest.grants("GET", path("/reports"))).isFalse();
        assertThat(rest.grants("GET", path("/other/2026"))).isFalse();
        assertThat(rule("GET", "/**").grants("GET", path("/"))).isFalse();
        assertThat(rule("GET", "/**").grants("GET", path("/anything/at/all"))).isTrue();
    }

    @Test
    void theMethodMustMatchUnlessItIsAStar() {
        assertThat(rule("GET", "/a").grants("POST", path("/a"))).isFalse();
        assertThat(rule("*", "/a").grants("DELETE", path("/a"))).isTrue();
        assertThat(rule("GET", "/a").grants("get", path("/a"))).isFalse();
    }

    @Test
    void aTemplateUsedAsARuleActsLikeAStar() {
        assertThat(rule("GET", "/customers/{id}").grants("GET", path("/customers/7"))).isTrue();
        assertThat(rule("GET", "/customers/{id}").grants("GET", path("/customers"))).isFalse();
    }

    @Test
    void theMostSpecificEndpointWins() {
        Catalog catalog =
                new Catalog(
                        List.of(
                                endpoint("ep_param", "GET", "/customers/{id}"),
                                endpoint("ep_search", "GET", "/customers/search"),
                                endpoint("ep_orders", "GET", "/customers/{id}/orders"),
                                endpoint("ep_mixed", "GET", "/{kind}/search/orders"),
                                endpoint("ep_post", "POST", "/customers/{id}")));
        assertThat(catalog.match("GET", path("/customers/search")).orElseThrow().id())
                .isEqualTo("ep_search");
        assertThat(catalog.match("GET", path("/customers/7")).orElseThrow().id())
                .isEqualTo("ep_param");
        assertThat(catalog.match("POST", path("/customers/7")).orElseThrow().id())
                .isEqualTo("ep_post");
        // A literal in the first differing segment wins over one further right.
        assertThat(catalog.match("GET", path("/customers/search/orders")).orElseThrow().id())
                .isEqualTo("ep_orders");
        assertThat(catalog.match("GET", path("/suppliers/search/orders")).orElseThrow().id())
                .isEqualTo("ep_mixed");
        assertThat(catalog.match("HEAD", path("/customers/7"))).isEmpty();
        assertThat(catalog.match("GET", path("/customers"))).isEmpty();
    }

    @Test
    void parameterNamesAloneAreSettledByTheTemplateText() {
        Catalog catalog =
                new Catalog(
                        List.of(
                                endpoint("ep_y", "GET", "/a/{y}"),
                                endpoint("ep_x", "GET", "/a/{x}")));
        assertThat(catalog.match("GET", path("/a/1")).orElseThrow().id()).isEqualTo("ep_x");
    }

    @Test
    void theRuleEditorListsWhatARuleGrantsAndHowFar() {
        Catalog catalog =
                new Catalog(
                        List.of(
                                endpoint("ep_list", "GET", "/customers"),
                                endpoint("ep_one", "GET", "/customers/{id}"),
                                endpoint("ep_vip", "GET", "/customers/vip"),
                                endpoint("ep_orders", "GET", "/customers/{id}/orders"),
                                endpoint("ep_delete", "DELETE", "/customers/{id}")));
        assertThat(catalog.grantedBy(rule("GET", "/customers/*")))
                .extracting(g -> g.endpoint().id() + ":" + g.coverage())
                .containsExactly("ep_vip:FULL", "ep_one:FULL");
        assertThat(catalog.grantedBy(rule("GET", "/customers/**")))
                .extracting(g -> g.endpoint().id() + ":" + g.coverage())
                .containsExactly("ep_vip:FULL", "ep_orders:FULL", "ep_one:FULL");
        assertThat(catalog.grantedBy(rule("GET", "/customers/42")))
                .extracting(g -> g.endpoint().id() + ":" + g.coverage())
                .containsExactly("ep_one:PARTIAL");
        assertThat(catalog.grantedBy(rule("*", "/customers/{id}")))
                .extracting(g -> g.endpoint().id() + ":" + g.coverage())
                .containsExactly("ep_vip:FULL", "ep_delete:FULL", "ep_one:FULL");
        assertThat(catalog.grantedBy(rule("GET", "/customers/42/**")))
                .extracting(g -> g.endpoint().id() + ":" + g.coverage())
                .containsExactly("ep_orders:PARTIAL");
        assertThat(catalog.grantedBy(rule("GET", "/nothing"))).isEmpty();
    }
}
