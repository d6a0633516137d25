package dev.gatehouse.gateway.policy;

import java.util.Objects;

/**
 * A catalog endpoint as the decision core needs it.
 *
 * @param id its public id ({@code ep_…})
 * @param method the upper-case HTTP method it is relayed for (matched exactly: {@code HEAD} is not
 *     {@code GET})
 * @param template its path template
 */
public record Endpoint(String id, String method, PathTemplate template) {

    public Endpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
    }

    /** True when a request with {@code requestMethod} on {@code path} is this endpoint. */
    public boolean matches(String requestMethod, CanonicalPath path) {
        return method.equals(requestMethod) && template.matches(path);
    }
}
