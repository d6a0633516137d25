package dev.gatehouse.domains;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code last_check} column's JSON: one object per record, the same shape the API shows. */
final class LastCheckJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LastCheckJson() {}

    static String write(List<RecordCheck> checks) {
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
        return JSON.writeValueAsString(out);
    }

    static List<RecordCheck> read(String json) {
        List<RecordCheck> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            List<String> found = new ArrayList<>();
            n.get("found").forEach(f -> found.add(f.asString()));
            DnsRecord record =
                    new DnsRecord(
                            DnsRecord.Type.valueOf(n.get("type").asString()),
                            n.get("name").asString(),
                            n.get("expected").asString(),
                            DnsRecord.Purpose.valueOf(
                                    n.get("purpose")
                                            .asString()
                                            .toUpperCase(java.util.Locale.ROOT)));
            out.add(
                    new RecordCheck(
                            record,
                            found,
                            n.get("ok").asBoolean(),
                            RecordCheck.Outcome.valueOf(
                                    n.get("outcome")
                                            .asString()
                                            .toUpperCase(java.util.Locale.ROOT))));
        }
        return out;
    }
}
