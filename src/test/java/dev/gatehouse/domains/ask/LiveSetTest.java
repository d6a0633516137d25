package dev.gatehouse.domains.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class LiveSetTest {

    private static LiveConnections.Row row(String host, long tenant, long app, String origin) {
        return new LiveConnections.Row(host, tenant, app, origin);
    }

    @Test
    void hostnamesOfOneApplicationShareOneRouteAndAnswer() {
        LiveSet set = LiveSet.sizedFor(4);
        set.put(row("a.example.com", 1, 10, "https://one.example"));
        set.put(row("b.example.com", 1, 10, "https://one.example"));
        set.put(row("c.example.com", 2, 20, "https://two.example"));

        assertThat(set.get("a.example.com")).isSameAs(set.get("b.example.com"));
        assertThat(set.get("c.example.com").allow().origin()).isEqualTo("https://two.example");
        assertThat(set.get("d.example.com")).isNull();
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void replacingAScopeRemovesWhatLeftItAndLeavesOtherScopesAlone() {
        LiveSet set = LiveSet.sizedFor(4);
        set.put(row("a.example.com", 1, 10, "https://one.example"));
        set.put(row("b.example.com", 1, 10, "https://one.example"));
        set.put(row("c.example.com", 2, 20, "https://two.example"));

        // Tenant 1 re-read: b left live, a's application now routes elsewhere, e went live.
        set.replace(
                e -> e.getValue().tenant() == 1,
                List.of(
                        row("a.example.com", 1, 10, "https://moved.example"),
                        row("e.example.com", 1, 11, "https://three.example")));

        assertThat(set.origins())
                .isEqualTo(
                        Map.of(
                                "a.example.com", "https://moved.example",
                                "c.example.com", "https://two.example",
                                "e.example.com", "https://three.example"));
    }

    @Test
    void replacingHostnamesWithNothingRemovesExactlyThem() {
        LiveSet set = LiveSet.sizedFor(4);
        set.put(row("a.example.com", 1, 10, "https://one.example"));
        set.put(row("b.example.com", 1, 10, "https://one.example"));

        set.replace(e -> e.getKey().equals("a.example.com"), List.of());

        assertThat(set.origins()).isEqualTo(Map.of("b.example.com", "https://one.example"));
    }
}
