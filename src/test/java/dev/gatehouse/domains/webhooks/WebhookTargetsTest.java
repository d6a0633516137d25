package dev.gatehouse.domains.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

class WebhookTargetsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/gatehouse",
                "https://hooks.example.com:8443/a?b=c",
                "https://8.8.8.8/hook",
                "https://[2606:4700::1111]/hook",
                "HTTPS://Hooks.Example.com/x"
            })
    void publicHttpsTargetsAreAccepted(String url) {
        assertThat(WebhookTargets.problem(url, false)).isEmpty();
    }

    @Test
    void httpIsAcceptedOnlyWherePrivateTargetsAre() {
        assertThat(WebhookTargets.problem("http://hooks.example.com/x", false))
                .contains("must use https");
        assertThat(WebhookTargets.problem("http://127.0.0.1:8080/x", true)).isEmpty();
        assertThat(WebhookTargets.problem("ftp://hooks.example.com/x", true))
                .contains("must use https or http");
    }

    @Test
    void malformedTargetsAreRefusedWithAReason() {
        assertThat(WebhookTargets.problem("/relative/path", false))
                .contains("must be a valid absolute URL");
        assertThat(WebhookTargets.problem("https://exa mple.com/", false))
                .contains("must be a valid absolute URL");
        assertThat(WebhookTargets.problem("mailto:ops@example.com", false))
                .contains("must be a valid absolute URL");
        assertThat(WebhookTargets.problem("https://user:pass@hooks.example.com/", false))
                .contains("must not contain user information");
        assertThat(WebhookTargets.problem("https:///nohost", false)).contains("must have a host");
        assertThat(WebhookTargets.problem("https://hooks.example.com/#frag", false))
                .contains("must not have a fragment");
        String longUrl = "https://hooks.example.com/" + "a".repeat(WebhookTargets.MAX_LENGTH);
        assertThat(WebhookTargets.problem(longUrl, true))
                .contains("must be at most 2048 characters");
        String justFits = "https://hooks.example.com/" + "a".repeat(WebhookTargets.MAX_LENGTH - 26);
        assertThat(WebhookTargets.problem(justFits, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://localhost/x",
                "https://LOCALHOST./x",
                "https://api.localhost/x",
                "https://127.0.0.1/x",
                "https://127.8.9.10/x",
                "https://10.1.2.3/x",
                "https://172.16.0.1/x",
                "https://172.31.255.255/x",
                "https://192.168.1.1/x",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/x",
                "https://100.127.255.254/x",
                "https://0.0.0.0/x",
                "https://224.0.0.1/x",
                "https://255.255.255.255/x",
                "https://240.0.0.1/x",
                "https://192.0.2.10/x",
                "https://198.18.0.1/x",
                "https://[::1]/x",
                "https://[::]/x",
                "https://[fe80::1]/x",
                "https://[fc00::1]/x",
                "https://[fd12:3456::1]/x",
                "https://[ff02::1]/x",
                "https://[::ffff:127.0.0.1]/x",
                "https://[::ffff:10.0.0.1]/x",
                "https://[64:ff9b::a00:1]/x",
                "https://[2002:c0a8:0101::1]/x",
                "https://[2001:db8::1]/x",
                "https://[2001:0::1]/x",
                "https://[::127.0.0.1]/x"
            })
    void privateLoopbackAndReservedTargetsAreRefusedInProduction(String url) {
        assertThat(WebhookTargets.problem(url, false))
                .contains("must not point at a private, loopback or link-local address");
        assertThat(WebhookTargets.problem(url.replace("https:", "http:"), true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://172.15.255.255/x",
                "https://172.32.0.1/x",
                "https://100.63.255.255/x",
                "https://100.128.0.1/x",
                "https://169.253.1.1/x",
                "https://11.0.0.1/x",
                "https://[2001:4860::8888]/x",
                "https://[2002:0808:0808::1]/x",
                "https://localhost.example.com/x"
            })
    void theNeighboursOfPrivateRangesArePublic(String url) {
        assertThat(WebhookTargets.problem(url, false)).isEmpty();
    }

    @Test
    void atSendTimeEveryResolvedAddressMustBePublic() throws Exception {
        InetAddress publicOne = InetAddress.ofLiteral("93.184.216.34");
        InetAddress privateOne = InetAddress.ofLiteral("10.0.0.7");
        WebhookTargets.Resolver rebinding =
                fake(Map.of("hooks.example.com", new InetAddress[] {publicOne, privateOne}));
        assertThat(WebhookTargets.atSendTime("https://hooks.example.com/x", false, rebinding))
                .isEqualTo(new WebhookTargets.SendCheck.Refused("private_target"));

        WebhookTargets.Resolver honest =
                fake(Map.of("hooks.example.com", new InetAddress[] {publicOne}));
        assertThat(WebhookTargets.atSendTime("https://hooks.example.com/x", false, honest))
                .isEqualTo(
                        new WebhookTargets.SendCheck.Allowed(
                                URI.create("https://hooks.example.com/x"), publicOne));
    }

    @Test
    void theAllowedTargetNamesTheFirstAddressOfTheAnswerTheCheckSaw() {
        InetAddress first = InetAddress.ofLiteral("93.184.216.34");
        InetAddress second = InetAddress.ofLiteral("2606:2800:220:1:248:1893:25c8:1946");
        AtomicInteger lookups = new AtomicInteger();
        WebhookTargets.Resolver once =
                host -> {
                    lookups.incrementAndGet();
                    return new InetAddress[] {first, second};
                };
        assertThat(WebhookTargets.atSendTime("https://hooks.example.com/x", false, once))
                .isEqualTo(
                        new WebhookTargets.SendCheck.Allowed(
                                URI.create("https://hooks.example.com/x"), first));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aNameThatDoesNotResolveIsRetriedLater() {
        assertThat(WebhookTargets.atSendTime("https://gone.example.com/x", false, fake(Map.of())))
                .isEqualTo(new WebhookTargets.SendCheck.Unresolved());
    }

    @Test
    void literalAndMalformedTargetsAreRefusedWithoutALookup() {
        AtomicInteger lookups = new AtomicInteger();
        WebhookTargets.Resolver counting =
                host -> {
                    lookups.incrementAndGet();
                    throw new UnknownHostException(host);
                };
        assertThat(WebhookTargets.atSendTime("https://127.0.0.1:9/x", false, counting))
                .isEqualTo(new WebhookTargets.SendCheck.Refused("private_target"));
        assertThat(WebhookTargets.atSendTime("http://hooks.example.com/x", false, counting))
                .isEqualTo(new WebhookTargets.SendCheck.Refused("invalid_target"));
        assertThat(lookups).hasValue(0);
    }

    @Test
    void wherePrivateTargetsAreAllowedTheAnswerIsUsedUnchecked() {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");
        WebhookTargets.Resolver counting =
                host -> {
                    lookups.incrementAndGet();
                    return new InetAddress[] {loopback};
                };
        assertThat(WebhookTargets.atSendTime("http://hooks.internal:8080/x", true, counting))
                .isEqualTo(
                        new WebhookTargets.SendCheck.Allowed(
                                URI.create("http://hooks.internal:8080/x"), loopback));
        assertThat(lookups).hasValue(1);
        assertThat(WebhookTargets.atSendTime("http://gone.internal/x", true, fake(Map.of())))
                .isEqualTo(new WebhookTargets.SendCheck.Unresolved());
    }

    @Test
    void restrictedCoversBothFamilies() {
        for (String a :
                List.of("127.0.0.1", "::1", "10.9.8.7", "fd00::1", "169.254.1.1", "fe80::abcd")) {
            assertThat(WebhookTargets.restricted(InetAddress.ofLiteral(a))).as(a).isTrue();
        }
        for (String a : List.of("1.1.1.1", "2606:4700:4700::1111", "203.0.114.1")) {
            assertThat(WebhookTargets.restricted(InetAddress.ofLiteral(a))).as(a).isFalse();
        }
    }

    private static WebhookTargets.Resolver fake(Map<String, InetAddress[]> table) {
        return host -> {
            InetAddress[] found = table.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found;
        };
    }
}
