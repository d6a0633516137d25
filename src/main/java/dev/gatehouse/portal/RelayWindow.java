package dev.gatehouse.portal;

import dev.gatehouse.gateway.events.RelayHours;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One window of the ERP Access activity page: its chart and its totals. */
public record RelayWindow(
        String id, BarChart chart, long allowed, long denied, Map<String, Long> deniedByReason) {

    static RelayWindow of(String id, List<RelayHours.Hour> list, ZoneId zone, PortalContext ctx) {
        long allowed = 0;
        long denied = 0;
        Map<String, Long> reasons = new TreeMap<>();
        for (RelayHours.Hour h : list) {
            allowed += h.allowed();
            denied += h.denied();
            h.deniedByReason().forEach((k, v) -> reasons.merge(k, v, Long::sum));
        }
        return new RelayWindow(
                id, BarChart.ofRelays(list, zone, ctx.msg().locale()), allowed, denied, reasons);
    }
}
