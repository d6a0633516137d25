package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncScenario;

import tools.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a soak reads back about its company: its runs and ledger rows (as the database owner), the
 * sessions on its Sage databases, and the items the fake portal stores.
 */
final class SoakRecords {

    private SoakRecords() {}

    /** Sessions on the three Sage databases other than the counting one. */
    static int sageSessions(SyncScenario s) {
        int n = 0;
        for (String db : List.of("COPDAT", "FESA", "Autorizaciones_electronicas")) {
            try (Connection c = s.sage.connect(db);
                    ResultSet rs =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                                                    + " WHERE SESSION_ID <> SESSION_ID()")) {
                rs.next();
                n += rs.getInt(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }

    static Map<String, Long> runsByStatus(SyncScenario s) {
        Map<String, Long> out = new TreeMap<>();
        s.owner()
                .sql(
                        "select r.status, count(*) from sync_runs r join sync_companies c on c.id ="
                                + " r.company_id where c.public_id = ? group by r.status")
                .param(s.companyId)
                .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2)))
                .list();
        return out;
    }

    /** The ledger as {@code kind:key → "state portal_id"}. */
    static Map<String, String> ledger(SyncScenario s) {
        Map<String, String> out = new HashMap<>();
        s.owner()
                .sql(
                        "select l.kind, l.sage_key, l.state, l.portal_id from sync_ledger l join"
                                + " sync_companies c on c.id = l.company_id where c.public_id = ?")
                .param(s.companyId)
                .query(
                        (rs, n) ->
                                out.put(
                                        rs.getString(1) + ":" + rs.getString(2),
                                        rs.getString(3) + " " + rs.getString(4)))
                .list();
        return out;
    }

    static long pendingLedgerEntries(SyncScenario s) {
        return s.owner()
                .sql(
                        "select count(*) from sync_ledger l join sync_companies c on c.id ="
                                + " l.company_id where c.public_id = ? and l.state <> 'sent'")
                .param(s.companyId)
                .query(Long.class)
                .single();
    }

    static long foundAtThePortal(SyncScenario s) {
        return s.owner()
                .sql(
                        "select count(*) from sync_ledger l join sync_companies c on c.id ="
                                + " l.company_id where c.public_id = ? and l.source = 'portal'")
                .param(s.companyId)
                .query(Long.class)
                .single();
    }

    static Set<String> stored(Map<String, ObjectNode> items) {
        return items.values().stream()
                .map(i -> i.path("external_id").asString(""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Map<String, Long> externalIds(Map<String, ObjectNode> items) {
        return items.values().stream()
                .collect(
                        Collectors.groupingBy(
                                i -> i.path("external_id").asString(""),
                                TreeMap::new,
                                Collectors.counting()));
    }
}
