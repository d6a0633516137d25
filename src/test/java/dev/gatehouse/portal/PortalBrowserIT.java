package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Browser;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The portal in a real browser (Debian's headless Chromium), as a person uses it: first sign-in
 * with the one-time password, forced password change, pages, an API key shown exactly once,
 * revocation, language, sign-out, and a wrong password. Every page visited is checked for CSP
 * violations and photographed; {@code -Dgatehouse.screenshots=docs/screenshots} refreshes the
 * README's pictures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {

    static final String NEW_PASSWORD = "correct horse battery staple 42";
    static TestNode node;
    static Browser browser;
    static String email;
    static String oneTimePassword;
    static final List<String> visited = new ArrayList<>();

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of());
        email = node.terminal().valueAfter("Admin e-mail:");
        oneTimePassword = node.terminal().valueAfter("One-time password:").split("\\s+")[0];
        browser = Browser.start("http://127.0.0.1:" + node.env().get("SERVER_PORT"));
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(browser.cspViolations()).as("CSP violations on " + visited).isEmpty();
            assertThat(node.bean(CspReports.class).count()).as("CSP reports received").isZero();
        } finally {
            browser.close();
            node.close();
        }
    }

    private static void shot(String name) {
        visited.add(browser.currentPath());
        browser.screenshot(Path.of("target/screenshots", name + ".png"));
        String docs = System.getProperty("gatehouse.screenshots");
        if (docs != null && !docs.isBlank()) {
            browser.screenshot(Path.of(docs).resolve(name + ".png"));
        }
        assertThat(browser.cspViolations())
                .as("CSP violations on " + browser.currentPath())
                .isEmpty();
    }

    private static void signIn(String password) {
        browser.open("/portal/sign-in");
        browser.fill("email", email).fill("password", password).submit("main button[type=submit]");
    }

    @Test
    @Order(1)
    void aWrongPasswordShowsOneGenericMessage() {
        browser.open("/portal/home");
        assertThat(browser.currentPath()).isEqualTo("/portal/sign-in");
        shot("sign-in");
        signIn("not the password at all");
        assertThat(browser.text("[role=alert]")).contains("do not match");
        assertThat(browser.currentPath()).isEqualTo("/portal/sign-in");
    }

    @Test
    @Order(2)
    void firstSignInForcesAPasswordChange() {
        signIn(oneTimePassword);
        assertThat(browser.currentPath()).isEqualTo("/portal/account/password");
        shot("change-password");
        browser.open("/portal/home");
        assertThat(browser.currentPath())
                .as("no page before the password is changed")
                .isEqualTo("/portal/account/password");
        browser.fill("current", oneTimePassword)
                .fill("next", "password1234")
                .fill("repeat", "password1234")
                .submit("main button[type=submit]");
        assertThat(browser.text("[role=alert]")).isNotBlank();
        browser.fill("current", oneTimePassword)
                .fill("next", NEW_PASSWORD)
                .fill("repeat", NEW_PASSWORD)
                .submit("main button[type=submit]");
        assertThat(browser.currentPath()).isEqualTo("/portal/account");
        shot("account");
    }

    @Test
    @Order(3)
    void homeAndAuditShowTheInstallation() {
        browser.open("/portal/home");
        assertThat(browser.text("h1")).isEqualTo("Home");
        shot("home");
        browser.open("/portal/audit");
        assertThat(browser.text("table")).contains("user.signed_in");
        shot("audit");
        browser.submit("tbody tr a");
        assertThat(browser.currentPath()).startsWith("/portal/audit/evt_");
        shot("audit-event");
    }

    @Test
    @Order(4)
    void anApiKeyIsShownExactlyOnceAndCanBeRevoked() {
        browser.open("/portal/settings/api-keys");
        browser.fill("name", "browser key")
                .click("input[value='apps:read']")
                .submit("form.stack button[type=submit]");
        String secret = browser.text("#new-secret");
        assertThat(secret).matches("gk_[0-9A-Za-z]{43}");
        shot("api-key-created");
        assertThat(node.http().get("/v1/whoami", secret).status()).isEqualTo(200);

        browser.open("/portal/settings/api-keys");
        assertThat(browser.driver().getPageSource())
                .doesNotContain(secret)
                .contains(secret.substring(42));
        shot("api-keys");
        browser.driver()
                .findElement(
                        org.openqa.selenium.By.xpath(
                                "//tr[td[1][normalize-space()='browser"
                                        + " key']]//form[@data-confirm]//button"))
                .click();
        browser.driver().switchTo().alert().accept();
        // the confirmed form posts and the list comes back; wait for the new list, not the old row
        new WebDriverWait(browser.driver(), Browser.PAGE_LOAD)
                .ignoring(StaleElementReferenceException.class)
                .until(
                        d ->
                                d.findElement(
                                                org.openqa.selenium.By.xpath(
                                                        "//tr[td[1][normalize-space()='browser"
                                                                + " key']]"))
                                        .getText()
                                        .contains("Revoked"));
        assertThat(node.http().get("/v1/whoami", secret).status()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void usersPageListsTheOwner() {
        browser.open("/portal/settings/users");
        assertThat(browser.text("table")).contains(email);
        shot("users");
    }

    @Test
    @Order(6)
    void languageSwitchesToSpanishAndBack() {
        browser.open("/portal/home");
        browser.submit("a[lang=es]");
        assertThat(browser.text("h1")).isEqualTo("Inicio");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("es");
        shot("home-es");
        browser.submit("a[lang=en]");
        assertThat(browser.text("h1")).isEqualTo("Home");
    }

    @Test
    @Order(7)
    void signingOutEndsTheSession() {
        browser.open("/portal/home");
        browser.submit("header form button");
        assertThat(browser.currentPath()).isEqualTo("/portal/sign-in");
        browser.open("/portal/home");
        assertThat(browser.currentPath()).isEqualTo("/portal/sign-in");
        signIn(NEW_PASSWORD);
        assertThat(browser.currentPath()).isEqualTo("/portal/home");
    }
}
