package dev.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The BIND harness does what other tests rely on: updates visible at once, SERVFAIL, a silent
 * server.
 */
class BindIT {

    @Test
    void setIsVisibleToTheNextQueryAndDeleteRemovesIt() throws IOException {
        Bind bind = Bind.shared();
        bind.set("_probe.harness.example.com", "TXT", "one", "two");
        assertThat(answers(bind.port(), "_probe.harness.example.com", Type.TXT))
                .containsExactlyInAnyOrder("one", "two");

        bind.set("_probe.harness.example.com", "TXT", "three");
        assertThat(answers(bind.port(), "_probe.harness.example.com", Type.TXT))
                .containsExactly("three");

        bind.delete("_probe.harness.example.com", "TXT");
        assertThat(query(bind.port(), "_probe.harness.example.com", Type.TXT).getRcode())
                .isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void servesAddressesAndAliasesInEveryZone() throws IOException {
        Bind bind = Bind.shared();
        bind.set("www.harness.example.net", "A", "192.0.2.1", "192.0.2.2");
        bind.set("v6.harness.example.org", "AAAA", "2001:db8::1");
        bind.set("alias.harness.example.org", "CNAME", "edge.gatehouse.test.");
        assertThat(answers(bind.port(), "www.harness.example.net", Type.A))
                .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
        assertThat(answers(bind.port(), "v6.harness.example.org", Type.AAAA))
                .containsExactly("2001:db8:0:0:0:0:0:1");
        assertThat(answers(bind.port(), "alias.harness.example.org", Type.CNAME))
                .containsExactly("edge.gatehouse.test.");
    }

    @Test
    void theServfailNameAnswersServfail() throws IOException {
        Bind bind = Bind.shared();
        assertThat(query(bind.port(), bind.servfailName(), Type.TXT).getRcode())
                .isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void aNameOutsideTheZonesIsRefusedByTheHarness() {
        assertThatThrownBy(() -> Bind.shared().set("x.elsewhere.test", "TXT", "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondInstanceRunsBesideTheSharedOneAndStopsOnClose() throws IOException {
        Bind.shared();
        int port;
        try (Bind own = Bind.start("customer-one.net")) {
            port = own.port();
            own.set("_c.customer-one.net", "TXT", "mine");
            assertThat(answers(port, "_c.customer-one.net", Type.TXT)).containsExactly("mine");
        }
        assertThatThrownBy(() -> query(port, "_c.customer-one.net", Type.TXT))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theBlackholeNeverAnswers() {
        String[] hostPort = Bind.blackhole().split(":");
        assertThatThrownBy(() -> query(Integer.parseInt(hostPort[1]), "x.example.com", Type.TXT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Timed out");
    }

    private static List<String> answers(int port, String name, int type) throws IOException {
        return query(port, name, type).getSection(Section.ANSWER).stream()
                .map(r -> r.rdataToString().replace("\"", ""))
                .toList();
    }

    private static Message query(int port, String name, int type) throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
        r.setTimeout(Duration.ofMillis(300));
        return r.send(
                Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }
}
