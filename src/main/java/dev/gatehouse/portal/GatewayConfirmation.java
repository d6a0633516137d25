package dev.gatehouse.portal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.ModelAndView;

import java.util.Map;

/**
 * The step between pressing a button that stops something (suspend, disable, revoke, rotate, engage
 * the kill switch) and doing it: a page that says what will happen and posts the same form again
 * with {@code confirm=yes}. Works without script; nothing changes until it is confirmed.
 *
 * @param title message key of the page's heading
 * @param message what will happen, in the reader's language
 * @param action the path the confirmed form posts to
 * @param fields the form's fields, posted again as hidden inputs
 * @param button message key of the confirming button
 * @param back where "Cancel" leads
 */
public record GatewayConfirmation(
        String title,
        String message,
        String action,
        Map<String, String> fields,
        String button,
        String back) {

    public GatewayConfirmation {
        fields = Map.copyOf(fields);
    }

    /** True when the form was posted from a confirmation page. */
    static boolean confirmed(String confirm) {
        return "yes".equals(confirm);
    }

    ModelAndView page(HttpServletRequest request) {
        return Pages.page("gateway/confirm", request, "confirmation", this);
    }
}
