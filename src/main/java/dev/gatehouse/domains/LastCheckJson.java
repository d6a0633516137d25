package dev.gatehouse.domains;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code last_check} column's JSON: {@code {"records": [...], "caa": {...}}}, one object per
 * record in the shape the API shows, and the CAA preflight. Rows written before the preflight hold
 * the bare array of records; they read as a check without CAA.
 */
final class LastCheckJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one check stored. */
    record Stored(List<RecordCheck> records, @Nullable CaaCheck caa) {}

    private LastCheckJson() {}

    static String write(List<RecordCheck> checks, @Nullable CaaCheck caa) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecordCheck c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", c.record().type().name());
            m.put("name", c.record().name());
            m.put("expected", c.record().value());
            m.put("purpose", c.record().purpose().wire());
            m.put("found", c.found());
            m.put("ok", c.ok());
            m.put("outcome", c.outcome().wire());
            out.add(m);
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("records", out);
        if (caa != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reason", caa.reason().wire());
            m.put("domain", caa.domain());
            m.put("records", caa.records());
            m.put("allowed_cas", caa.allowedCas());
            stored.put("caa", m);
        }
        return JSON.writeValueAsString(stored);
    }

    static Stored read(String json) {
        JsonNode root = JSON.readTree(json);
        if (root.isArray()) {
            return new Stored(records(root), null);
        }
        JsonNode caa = root.get("caa");
        return new Stored(records(root.get("records")), caa == null ? null : caa(caa));
    }

    private static @Nullable CaaCheck caa(JsonNode n) {
        JsonNode domain = n.get("domain");
        return CaaCheck.Reason.fromWire(n.get("reason").asString())
                .map(
                        reason ->
                                new CaaCheck(
                                        reason,
                                        domain == null || domain.isNull()
                                                ? null
                                                : domain.asString(),
                                        strings(n.get("records")),
                                        strings(n.get("allowed_cas"))))
                .orElse(null);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    private static List<RecordCheck> records(JsonNode array) {
        List<RecordCheck> out = new ArrayList<>();
        for (JsonNode n : array) {
            DnsRecord record =
                    new DnsRecord(
                            DnsRecord.Type.valueOf(n.get("type").asString()),
                            n.get("name").asString(),
                            n.get("expected").asString(),
                            DnsRecord.Purpose.valueOf(
                                    n.get("purpose").asString().toUpperCase(Locale.ROOT)));
            out.add(
                    new RecordCheck(
                            record,
                            strings(n.get("found")),
                            n.get("ok").asBoolean(),
                            RecordCheck.Outcome.valueOf(
                                    n.get("outcome").asString().toUpperCase(Locale.ROOT))));
        }
        return out;
    }
}
