package dev.gatehouse.portal;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ERP Access form as typed, with the problems found in it: field name → value, and field name →
 * message in the reader's language. A form shown again after an error keeps what was typed, never a
 * secret (secrets are not among the fields of any of these forms).
 *
 * @param values field name → value as typed
 * @param errors field name → message in the reader's language, in form order; empty when the form
 *     is valid or untouched
 */
public record GatewayForm(Map<String, String> values, Map<String, String> errors) {

    public GatewayForm {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** A form with these values and no problems. */
    static GatewayForm of(Map<String, String> values) {
        return new GatewayForm(values, Map.of());
    }

    /** An untouched form. */
    static GatewayForm blank() {
        return new GatewayForm(Map.of(), Map.of());
    }

    /** The value of {@code field} as typed, or empty. */
    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    /** The problem of {@code field} in the reader's language, or null. */
    public @Nullable String error(String field) {
        return errors.get(field);
    }

    /** This form with the problems {@code keys} (field → message key) in the reader's words. */
    GatewayForm refused(Map<String, String> keys, Msg msg) {
        Map<String, String> out = new LinkedHashMap<>();
        keys.forEach((field, key) -> out.put(field, msg.text(key)));
        return new GatewayForm(values, out);
    }
}
