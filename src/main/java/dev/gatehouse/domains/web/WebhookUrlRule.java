package dev.gatehouse.domains.web;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The create-time rule for webhook URLs: https, unless private targets are allowed (development). */
final class WebhookUrlRule {

    private WebhookUrlRule() {
    }

    static @Nullable String problem(String url, boolean allowPrivate) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!allowPrivate && !scheme.equals("https")) {
                return "must be an https URL";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "is not a URL";
        }
    }
}
