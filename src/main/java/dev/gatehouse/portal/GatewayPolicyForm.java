package dev.gatehouse.portal;

import dev.gatehouse.gateway.controls.Holder;
import dev.gatehouse.gateway.controls.Policies;
import dev.gatehouse.gateway.controls.StoredPolicy;
import dev.gatehouse.gateway.policy.Policy;
import dev.gatehouse.gateway.policy.Problem;
import dev.gatehouse.gateway.policy.Rule;
import dev.gatehouse.gateway.policy.Validated;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy form as typed: a name, the holder's id ({@code acct_…} or {@code cred_…}), rule rows
 * of method and path (rows left blank are ignored), and {@code schedule_exempt}. Checked with the
 * API's rules: name 1–200 characters, a holder of the tenant, {@link Policy#parseRules} for the
 * rules.
 *
 * @param rows the rule rows as typed, blank rows included
 * @param errors {@code name}, {@code holder}, {@code rules}, or {@code method-N} / {@code path-N}
 *     for row N → message in the reader's language
 */
public record GatewayPolicyForm(
        String name,
        String holder,
        List<Row> rows,
        boolean scheduleExempt,
        Map<String, String> errors) {

    /** Blank rows offered for new rules. */
    static final int BLANK_ROWS = 4;

    static final int MAX_NAME = 200;

    private static final Pattern ROW_FIELD = Pattern.compile("rules\\[(\\d+)\\](?:\\.(\\w+))?");

    /** One rule row as typed. */
    public record Row(String method, String path) {
        boolean blank() {
            return method.isBlank() && path.isBlank();
        }
    }

    public GatewayPolicyForm {
        rows = List.copyOf(rows);
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** An empty form with blank rows, for {@code holder} (may be empty). */
    static GatewayPolicyForm blank(String holder) {
        return new GatewayPolicyForm("", holder, padded(List.of()), false, Map.of());
    }

    /** The form filled with {@code p}, and blank rows after its rules. */
    static GatewayPolicyForm of(StoredPolicy p) {
        List<Row> rows = new ArrayList<>();
        for (Rule r : p.rules()) {
            rows.add(new Row(r.method(), r.path().text()));
        }
        return new GatewayPolicyForm(
                p.name(), p.holder().publicId(), padded(rows), p.scheduleExempt(), Map.of());
    }

    /**
     * A form as posted: row N is the pair of fields {@code method-N} and {@code path-N}, N below
     * {@link Policy#MAX_RULES} plus {@link #BLANK_ROWS}.
     */
    static GatewayPolicyForm posted(
            String name, String holder, Map<String, String> params, boolean scheduleExempt) {
        List<Row> rows = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < Policy.MAX_RULES + BLANK_ROWS; i++) {
            Row r =
                    new Row(
                            params.getOrDefault("method-" + i, "").strip(),
                            params.getOrDefault("path-" + i, "").strip());
            rows.add(r);
            if (!r.blank()) {
                last = i;
            }
        }
        return new GatewayPolicyForm(
                name, holder, rows.subList(0, last + 1), scheduleExempt, Map.of());
    }

    public @Nullable String error(String field) {
        return errors.get(field);
    }

    /** The outcome of {@link #check}. */
    sealed interface Checked permits Valid, Invalid {}

    record Valid(Policies.Fields fields) implements Checked {}

    record Invalid(GatewayPolicyForm form) implements Checked {}

    /**
     * Checks every field at once; {@code holders} finds the tenant's account or credential set of
     * an id.
     */
    Checked check(Function<String, Optional<Holder>> holders, Msg msg) {
        Map<String, String> problems = new LinkedHashMap<>();
        String n = name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            problems.put("name", msg.text("gateway.error.policyName"));
        }
        String h = holder.strip();
        Optional<Holder> found = h.isEmpty() ? Optional.empty() : holders.apply(h);
        if (found.isEmpty()) {
            problems.put("holder", msg.text("gateway.error.holder"));
        }
        List<Integer> at = new ArrayList<>();
        List<Policy.Written> written = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (!r.blank()) {
                at.add(i);
                written.add(new Policy.Written(r.method(), r.path()));
            }
        }
        Validated<List<Rule>> rules = Policy.parseRules(written);
        for (Problem p : rules.problems()) {
            Matcher m = ROW_FIELD.matcher(p.field());
            if (!m.matches()) {
                problems.putIfAbsent("rules", msg.text("gateway.error.rules", Policy.MAX_RULES));
                continue;
            }
            int row = at.get(Integer.parseInt(m.group(1)));
            String part = m.group(2);
            if ("method".equals(part)) {
                problems.putIfAbsent("method-" + row, msg.text("gateway.error.ruleMethod"));
            } else if (part == null) {
                problems.putIfAbsent("path-" + row, msg.text("gateway.error.ruleTwice"));
            } else {
                problems.putIfAbsent("path-" + row, msg.text("gateway.error.rulePath"));
            }
        }
        if (!problems.isEmpty()
                || found.isEmpty()
                || !(rules instanceof Validated.Valid<List<Rule>>(List<Rule> valid))) {
            return new Invalid(
                    new GatewayPolicyForm(name, holder, padded(rows), scheduleExempt, problems));
        }
        return new Valid(new Policies.Fields(n, found.get(), valid, scheduleExempt));
    }

    /** {@code rows} with {@link #BLANK_ROWS} blank rows after the last filled one. */
    private static List<Row> padded(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows);
        while (!out.isEmpty() && out.getLast().blank()) {
            out.removeLast();
        }
        for (int i = 0; i < BLANK_ROWS; i++) {
            out.add(new Row("", ""));
        }
        return out;
    }
}
