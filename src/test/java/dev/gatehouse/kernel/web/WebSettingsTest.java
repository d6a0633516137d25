package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;

class WebSettingsTest {

    @Test
    void defaultsAreTheDocumentedNumbers() {
        var settings = WebSettings.defaults();
        assertThat(settings.maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(settings.maxHeaderBytes()).isEqualTo(16_384);
        assertThat(settings.maxJsonDepth()).isEqualTo(32);
        assertThat(settings.rateLimitIpPerMinute()).isEqualTo(120);
        assertThat(settings.rateLimitKeyPerMinute()).isEqualTo(1200);
        assertThat(settings.production()).isFalse();
    }

    @Test
    void outOfRangeBodyLimitNamesTheSettingAndValue() {
        assertThatThrownBy(() -> WebSettings.defaults().withMaxBodyBytes(0))
                .hasMessage("max_body_bytes must be between 1024 and 104857600, was 0");
    }

    @Test
    void outOfRangeRateLimitIsRefused() {
        assertThatThrownBy(
                        () ->
                                WebSettings.defaults()
                                        .withRateLimits(
                                                0, 600, WebSettings.RateLimitBackend.MEMORY))
                .hasMessage("rate_limit_ip_per_minute must be between 1 and 1000000, was 0");
    }

    @Test
    void originsWithPathsAreRefused() {
        assertThatThrownBy(
                        () ->
                                WebSettings.defaults()
                                        .withCorsAllowedOrigins(List.of("https://a.example/x")))
                .hasMessageContaining("'https://a.example/x'");
    }

    @Test
    void badTrustedProxyFailsAtStartup() {
        assertThatThrownBy(() -> WebSettings.defaults().withTrustedProxies(List.of("nope")))
                .hasMessageContaining("'nope'");
    }

    @Test
    void listsAreParsedFromCommaSeparatedValues() {
        assertThat(WebSettings.parseList(" https://a.example, ,https://b.example "))
                .containsExactly("https://a.example", "https://b.example");
    }
}
