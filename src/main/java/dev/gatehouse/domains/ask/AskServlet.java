package dev.gatehouse.domains.ask;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /internal/ask?domain=<hostname>} on the management listener: the HTTP face of {@link
 * LiveHostnames}, and the one place its answers become statuses.
 *
 * <p>Caddy reads only the status (2xx allows), so every deny is a non-2xx: 200 {@code
 * {"allow":true,"origin":"<origin>"}} for a live hostname; 404 {@code
 * {"allow":false,"origin":null}} for anything else, including a missing or blank {@code domain};
 * 503 with the same deny body when the answer could not be looked up. The body never holds an id. A
 * plain servlet rather than an MVC handler or actuator endpoint: no handler lookup, argument
 * binding or message conversion on a path that is asked on every first handshake, and the body is
 * exactly these bytes.
 */
final class AskServlet extends HttpServlet {

    static final String PATH = "/internal/ask";
    private static final byte[] DENY =
            "{\"allow\":false,\"origin\":null}".getBytes(StandardCharsets.UTF_8);

    private final transient LiveHostnames live;

    AskServlet(LiveHostnames live) {
        this.live = live;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AskAnswer answer = live.ask(request.getParameter("domain"));
        switch (answer) {
            case AskAnswer.Allow(String origin) ->
                    write(response, HttpServletResponse.SC_OK, allowBody(origin));
            case AskAnswer.Deny d -> write(response, HttpServletResponse.SC_NOT_FOUND, DENY);
            case AskAnswer.Invalid i -> write(response, HttpServletResponse.SC_NOT_FOUND, DENY);
            case AskAnswer.Unavailable u ->
                    write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DENY);
        }
    }

    private static void write(HttpServletResponse response, int status, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static byte[] allowBody(String origin) {
        StringBuilder json =
                new StringBuilder(origin.length() + 40).append("{\"allow\":true,\"origin\":\"");
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
