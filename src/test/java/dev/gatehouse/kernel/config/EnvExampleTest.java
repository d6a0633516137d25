package dev.gatehouse.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code .env.example} documents every setting the loader reads, and nothing it does not. */
class EnvExampleTest {

    private static Set<String> documented() throws IOException {
        Pattern name = Pattern.compile("^([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);
        Matcher m = name.matcher(Files.readString(Path.of(".env.example")));
        return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
    }

    @Test
    void everySettingIsDocumentedInEnvExample() throws IOException {
        assertThat(documented()).containsAll(SettingsLoader.names());
    }

    @Test
    void envExampleDocumentsNoSettingThatDoesNotExist() throws IOException {
        assertThat(SettingsLoader.names()).containsAll(documented());
    }

    @Test
    void envExampleAsWrittenIsAValidDevelopmentConfiguration() throws IOException {
        Path dir = Files.createTempDirectory("envexample");
        Files.copy(Path.of(".env.example"), dir.resolve(".env"));
        Settings s =
                new SettingsLoader(new java.security.SecureRandom()).load(java.util.Map.of(), dir);
        assertThat(s.listeners().serverPort()).isEqualTo(8080);
        assertThat(s.database().embedded()).isTrue();
    }
}
