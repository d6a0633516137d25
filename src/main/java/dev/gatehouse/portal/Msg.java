package dev.gatehouse.portal;

import gg.jte.support.LocalizationSupport;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

import java.util.Locale;

/**
 * Message bundles for templates: {@code ${msg.localize("home.title")}}. Every string a page shows
 * comes from {@code i18n/messages*.properties}; a missing key shows as {@code ??key??} so it is
 * seen, and a test checks both languages have the same keys.
 */
public final class Msg implements LocalizationSupport {

    private final MessageSource source;
    private final Locale locale;

    Msg(MessageSource source, Locale locale) {
        this.source = source;
        this.locale = locale;
    }

    @Override
    public @Nullable String lookup(String key) {
        return source.getMessage(key, null, "??" + key + "??", locale);
    }

    /** A message with arguments already filled in (plain text, escaped by the template). */
    public String text(String key, Object... args) {
        return java.util.Objects.requireNonNullElse(
                source.getMessage(key, args, "??" + key + "??", locale), "??" + key + "??");
    }

    public Locale locale() {
        return locale;
    }

    public String language() {
        return locale.getLanguage();
    }
}
