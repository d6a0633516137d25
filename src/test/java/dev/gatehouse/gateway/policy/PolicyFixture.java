package dev.gatehouse.gateway.policy;

import java.util.ArrayList;
import java.util.List;

/** Object mother for the decision core: paths, endpoints, rules and policies from text. */
final class PolicyFixture {

    private PolicyFixture() {}

    static CanonicalPath path(String raw) {
        return (CanonicalPath) CanonicalPath.parse(raw);
    }

    static PathTemplate template(String text) {
        return PathTemplate.parse(text).orElseThrow();
    }

    static Endpoint endpoint(String id, String method, String template) {
        return new Endpoint(id, method, template(template));
    }

    static Rule rule(String method, String path) {
        return Rule.parse(method, path).orElseThrow();
    }

    /** A policy from "METHOD /path" strings. */
    static Policy policy(String id, boolean exempt, String... rules) {
        List<Rule> parsed = new ArrayList<>();
        for (String r : rules) {
            String[] parts = r.split(" ", 2);
            parsed.add(rule(parts[0], parts[1]));
        }
        return new Policy(id, 3, "policy " + id, parsed, exempt);
    }
}
