package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Both languages say everything, and every key a template asks for exists. */
class MessageBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndSpanishHaveTheSameKeys() throws IOException {
        assertThat(new TreeSet<>(load("messages_es.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(load("messages.properties").stringPropertyNames()));
    }

    @Test
    void everyLiteralKeyUsedByATemplateExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Pattern used =
                Pattern.compile(
                        "msg\\(\\)\\.(?:localize|text)\\(\"([a-zA-Z0-9_.]*[a-zA-Z0-9_])\"(?!\\s*\\+)");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/jte"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jte")).toList()) {
                Matcher m = used.matcher(Files.readString(f));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRoleAndKeyErrorTemplatesBuildHasAKey() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        for (var role : dev.gatehouse.kernel.identity.Role.values()) {
            assertThat(keys).contains("role." + role.wire());
        }
        assertThat(keys)
                .contains("keys.invalid.name", "keys.invalid.scopes", "keys.invalid.expires_at");
        for (var rule : dev.gatehouse.kernel.identity.PasswordPolicy.Rule.values()) {
            assertThat(keys)
                    .contains("password.rule." + rule.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (var status : dev.gatehouse.kernel.identity.User.Status.values()) {
            assertThat(keys).contains("users.status." + status.wire());
        }
        for (var reason : dev.gatehouse.kernel.identity.RoleRules.Reason.values()) {
            assertThat(keys).contains("users.reason." + reason.code());
        }
    }

    @Test
    void spanishIsReallySpanish() throws IOException {
        assertThat(load("messages_es.properties").getProperty("signIn.submit"))
                .isNotEqualTo(load("messages.properties").getProperty("signIn.submit"));
    }
}
