package dev.gatehouse.gateway.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code Location} of an upstream answer as the client sees it. A location inside the
 * upstream's {@code base_url} (same scheme, host and port, path under the base path; relative
 * locations resolve against the base) becomes the same place under the gateway's public path, so
 * the client follows it through the gateway and never learns the ERP's address. Any other value
 * (another site, a path outside the base, an unparsable value) is passed unchanged; the gateway
 * never follows it. Pure.
 */
final class Locations {

    private Locations() {}

    static String rewrite(UpstreamHttp.Target target, String location, String publicPrefix) {
        URI base;
        URI resolved;
        try {
            base =
                    new URI(
                            target.host().getSchemeName(),
                            null,
                            target.host().getHostName(),
                            target.host().getPort(),
                            target.basePath() + "/",
                            null,
                            null);
            resolved = base.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return location;
        }
        if (resolved.getScheme() == null
                || !resolved.getScheme().equalsIgnoreCase(target.host().getSchemeName())
                || resolved.getHost() == null
                || !resolved.getHost()
                        .toLowerCase(Locale.ROOT)
                        .equals(target.host().getHostName().toLowerCase(Locale.ROOT))
                || port(resolved) != target.host().getPort()) {
            return location;
        }
        String path = resolved.getRawPath() == null ? "" : resolved.getRawPath();
        String basePath = target.basePath();
        if (!(path.equals(basePath) || path.startsWith(basePath + "/"))) {
            return location;
        }
        String rest = path.substring(basePath.length());
        return publicPrefix
                + (rest.isEmpty() ? "/" : rest)
                + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery())
                + (resolved.getRawFragment() == null ? "" : "#" + resolved.getRawFragment());
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
