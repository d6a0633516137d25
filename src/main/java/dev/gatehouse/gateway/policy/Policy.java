package dev.gatehouse.gateway.policy;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A policy as the decision core needs it: deny by default, each rule a grant.
 *
 * @param id its public id ({@code pol_…})
 * @param version grows on every change; an audit snapshot names the policy as it was
 * @param name its name, for the audit
 * @param rules its grants, at most {@value #MAX_RULES}, in the order written
 * @param scheduleExempt true when what it grants is allowed outside the schedule
 */
public record Policy(
        String id, int version, String name, List<Rule> rules, boolean scheduleExempt) {

    /** The most rules one policy may hold. */
    public static final int MAX_RULES = 200;

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException(
                    "a policy holds at most " + MAX_RULES + " rules, was " + rules.size());
        }
    }

    /** A rule as a client wrote it, before checking. */
    public record Written(@Nullable String method, @Nullable String path) {}

    /**
     * Checks written rules; every problem at once, on fields such as {@code rules[2].path}. Refuses
     * more than {@value #MAX_RULES} rules and a rule written twice.
     */
    public static Validated<List<Rule>> parseRules(List<Written> written) {
        if (written.size() > MAX_RULES) {
            return Validated.invalid(
                    "rules", "must have at most " + MAX_RULES + " rules, was " + written.size());
        }
        List<Problem> problems = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            String at = "rules[" + i + "]";
            Written w = written.get(i);
            if (w.method() == null || w.path() == null) {
                if (w.method() == null) {
                    problems.add(new Problem(at + ".method", "is required"));
                }
                if (w.path() == null) {
                    problems.add(new Problem(at + ".path", "is required"));
                }
                continue;
            }
            switch (Rule.parse(w.method(), w.path())) {
                case Validated.Valid<Rule>(Rule rule) -> {
                    if (seen.add(rule.toString())) {
                        rules.add(rule);
                    } else {
                        problems.add(new Problem(at, "repeats the rule " + rule));
                    }
                }
                case Validated.Invalid<Rule>(List<Problem> found) ->
                        found.forEach(p -> problems.add(p.under(at)));
            }
        }
        return problems.isEmpty() ? Validated.valid(rules) : Validated.invalid(problems);
    }

    /** The first rule, in written order, that grants {@code method} on {@code path}. */
    public Optional<Rule> ruleFor(String method, CanonicalPath path) {
        return rules.stream().filter(r -> r.grants(method, path)).findFirst();
    }
}
