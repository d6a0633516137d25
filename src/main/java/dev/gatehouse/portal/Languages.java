package dev.gatehouse.portal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Locale;

/**
 * The portal speaks English and Spanish. The choice comes from the {@code gh_lang} cookie when the
 * person switched language, otherwise from {@code Accept-Language}; English when neither says.
 */
final class Languages {

    static final String COOKIE = "gh_lang";
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    private Languages() {}

    static Locale of(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName()) && supported(c.getValue())) {
                    return Locale.forLanguageTag(c.getValue());
                }
            }
        }
        String header = request.getHeader("Accept-Language");
        if (header != null) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException e) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    static boolean supported(String tag) {
        return SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(tag));
    }
}
