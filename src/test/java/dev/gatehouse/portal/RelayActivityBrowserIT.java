package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.gateway.events.RelayHours;
import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ERP Access's activity page in a real browser: after relays through the real relay (three relayed,
 * two refused by policy, one by the catalog), the 24-hour and 7-day charts render as SVG with one
 * bar per hour, the totals and the denials by reason are shown, a bad zone is explained, the page
 * reads in Spanish, and no CSP violation or console error occurs.
 */
class RelayActivityBrowserIT {

    static final String NEW_PASSWORD = "correct horse battery staple 42";

    static TestNode node;
    static FakeUpstream erp;
    static Browser browser;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of());
        erp = FakeUpstream.start();
        browser = Browser.start("http://127.0.0.1:" + node.env().get("SERVER_PORT"));
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(browser.cspViolations()).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(node.bean(CspReports.class).count()).isZero();
        } finally {
            browser.close();
            erp.close();
            node.close();
        }
    }

    @Test
    void theChartsShowTheRelaysOfTheLastDayAndWeek() {
        String key = node.bootstrapAdminKey();
        Map<String, String> headers = AccessFixture.customersGranted(node, key, erp.url("/erp"));
        for (String path :
                List.of(
                        "/customers/1",
                        "/customers/2",
                        "/customers/3",
                        "/orders",
                        "/orders",
                        "/invoices")) {
            node.http().send("GET", "/gateway/v1/erp" + path, null, null, headers);
        }
        node.bean(RelayHours.class).flush();

        signIn();
        browser.open("/portal/gateway");
        browser.submit("nav.tabs a[href='/portal/gateway/activity']");
        assertThat(browser.text("h1")).isEqualTo("ERP Access activity");
        assertThat(browser.find("nav.tabs a[aria-current=page]").getText()).isEqualTo("Activity");
        assertThat(browser.driver().findElements(By.cssSelector("#relays-24h g.chart-bar")))
                .hasSize(24);
        assertThat(browser.driver().findElements(By.cssSelector("#relays-7d g.chart-bar")))
                .hasSize(168);
        assertThat(browser.text("#relays-24h-allowed")).isEqualTo("3");
        assertThat(browser.text("#relays-24h-denied")).isEqualTo("3");
        assertThat(browser.text("#relays-7d-reasons"))
                .contains("policy_denied 2")
                .contains("unknown_endpoint 1");
        assertThat(
                        browser.driver()
                                .findElement(
                                        By.cssSelector(
                                                "#relays-24h g.chart-bar:last-of-type"
                                                        + " rect.chart-allowed"))
                                .getAttribute("height"))
                .isNotEqualTo("0.0");
        browser.screenshot(Path.of("target/screenshots", "gateway-activity.png"));

        browser.fill("zone", "Mars/Olympus").submit("form.inline button[type=submit]");
        assertThat(browser.text("[role=alert]")).contains("UTC");
        browser.open("/portal/gateway/activity?zone=Asia/Karachi");
        browser.submit("a[lang=es]");
        assertThat(browser.text("h1")).isEqualTo("Actividad de ERP Access");
    }

    private static void signIn() {
        String email = node.terminal().valueAfter("Admin e-mail:");
        String oneTimePassword = node.terminal().valueAfter("One-time password:").split("\\s+")[0];
        browser.signInFirstTime(email, oneTimePassword, NEW_PASSWORD);
    }
}
