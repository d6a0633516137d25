package dev.gatehouse.kernel.config;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code DATABASE_URL} in either accepted form, normalised to a JDBC URL plus optional credentials.
 */
record DatabaseUrl(String jdbcUrl, @Nullable String user, @Nullable String password) {

    static @Nullable DatabaseUrl parse(String value) {
        if (value.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(value, null, null);
        }
        if (!value.startsWith("postgresql://") && !value.startsWith("postgres://")) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                return null;
            }
            String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String jdbc = "jdbc:postgresql://" + hostPort + uri.getRawPath() + query;
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password =
                        parts.length == 2
                                ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8)
                                : null;
            }
            return new DatabaseUrl(jdbc, user, password);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + "]";
    }
}
