package dev.gatehouse.portal;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of an audit event's {@code decision_path} (a product writes one when it decides in
 * steps, as ERP Access's relay and token exchange do): the check, its result ({@code pass}, {@code
 * fail} or {@code skip}) and what the step noted, for the audit page's table.
 */
public record DecisionStep(String check, String result, String note) {

    /** The steps of {@code details.decision_path}, in order; none when it has no such array. */
    public static List<DecisionStep> of(JsonNode details) {
        JsonNode path = details.get("decision_path");
        if (path == null || !path.isArray()) {
            return List.of();
        }
        List<DecisionStep> steps = new ArrayList<>();
        for (JsonNode step : path) {
            if (!step.isObject()) {
                continue;
            }
            StringBuilder note = new StringBuilder();
            for (var field : step.properties()) {
                if (field.getKey().equals("check") || field.getKey().equals("result")) {
                    continue;
                }
                if (!note.isEmpty()) {
                    note.append("; ");
                }
                JsonNode v = field.getValue();
                note.append(field.getKey())
                        .append(": ")
                        .append(v.isString() ? v.asString() : v.toString());
            }
            steps.add(new DecisionStep(text(step, "check"), text(step, "result"), note.toString()));
        }
        return List.copyOf(steps);
    }

    private static String text(JsonNode step, String name) {
        JsonNode v = step.get(name);
        return v == null || v.isNull() ? "" : v.isString() ? v.asString() : v.toString();
    }

    /** The badge class of the result: pass shows as allowed, fail as denied. */
    public String badge() {
        return switch (result) {
            case "pass" -> "allow";
            case "fail" -> "deny";
            default -> "skip";
        };
    }
}
