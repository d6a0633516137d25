package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Rule;
import dev.gatehouse.gateway.policy.Validated;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code rules} column: a JSON array of {@code {"method": …, "path": …}}. */
final class RuleJson {

    private static final Logger log = LoggerFactory.getLogger(RuleJson.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RuleJson() {}

    static String write(List<Rule> rules) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Rule r : rules) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("path", r.path().text());
            out.add(m);
        }
        return JSON.writeValueAsString(out);
    }

    static List<Rule> read(String json) {
        return read(JSON.readTree(json));
    }

    /**
     * Reads stored rules. Rules were checked when written; one that no longer parses grants nothing
     * (it is skipped and logged), so a stored defect fails closed.
     */
    static List<Rule> read(JsonNode array) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode n : array) {
            JsonNode method = n.get("method");
            JsonNode path = n.get("path");
            Validated<Rule> rule =
                    method == null || path == null
                            ? Validated.<Rule>invalid("rule", "incomplete")
                            : Rule.parse(method.asString(), path.asString());
            if (rule instanceof Validated.Valid<Rule>(Rule valid)) {
                rules.add(valid);
            } else {
                log.warn(
                        "A stored gateway rule no longer parses and grants nothing: {}",
                        rule.problems());
            }
        }
        return rules;
    }
}
