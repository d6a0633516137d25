package dev.gatehouse.portal;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.ModelAndView;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Renders a JTE page with the request's {@link PortalContext} as {@code ctx}. */
public final class Pages {

    private Pages() {}

    /** {@code template} with {@code ctx} and the given name/value pairs (values may be null). */
    public static ModelAndView page(
            String template, HttpServletRequest request, @Nullable Object... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "params must be name/value pairs, got " + params.length + " items");
        }
        Map<String, @Nullable Object> model = new HashMap<>();
        model.put("ctx", PortalContext.of(request));
        for (int i = 0; i < params.length; i += 2) {
            model.put(String.valueOf(params[i]), params[i + 1]);
        }
        return new ModelAndView(template, model);
    }

    /**
     * An instant as RFC 3339 UTC for {@code <time datetime>}; the browser shows it in local time.
     */
    public static String iso(Instant at) {
        return at.toString();
    }
}
