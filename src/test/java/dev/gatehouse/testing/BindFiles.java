package dev.gatehouse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The configuration and master files {@link Bind} gives named. */
final class BindFiles {

    private BindFiles() {}

    /**
     * Writes {@code named.conf}, one master file per zone and a deliberately broken one for {@code
     * servfailZone}. Nothing outside {@code dir} is used: no pid file, no control channel, no
     * session key, so several instances run side by side.
     */
    static void write(
            Path dir,
            int port,
            boolean ipv6,
            List<String> zones,
            String servfailZone,
            String keyName,
            String algorithm,
            String secret)
            throws IOException {
        StringBuilder conf = new StringBuilder();
        conf.append("options {\n")
                .append("  directory \"")
                .append(dir)
                .append("\";\n")
                .append("  managed-keys-directory \"")
                .append(dir)
                .append("\";\n")
                .append("  pid-file none;\n")
                .append("  session-keyfile none;\n")
                .append("  listen-on port ")
                .append(port)
                .append(" { 127.0.0.1; };\n")
                .append(
                        ipv6
                                ? "  listen-on-v6 port " + port + " { ::1; };\n"
                                : "  listen-on-v6 { none; };\n")
                .append("  recursion no;\n")
                .append("  allow-query { any; };\n")
                .append("  notify no;\n")
                .append("  dnssec-validation no;\n")
                .append("  check-names primary ignore;\n")
                .append("};\n")
                .append("controls { };\n")
                .append("key \"")
                .append(keyName)
                .append("\" { algorithm ")
                .append(algorithm)
                .append("; secret \"")
                .append(secret)
                .append("\"; };\n");
        for (String zone : zones) {
            String file = zone + ".zone";
            Files.writeString(dir.resolve(file), masterFile(zone));
            conf.append("zone \"")
                    .append(zone)
                    .append("\" { type primary; file \"")
                    .append(file)
                    .append("\"; allow-update { key \"")
                    .append(keyName)
                    .append("\"; }; };\n");
        }
        Files.writeString(dir.resolve("servfail.zone"), "this master file is broken on purpose\n");
        conf.append("zone \"")
                .append(servfailZone)
                .append("\" { type primary; file \"servfail.zone\"; };\n");
        Files.writeString(dir.resolve("named.conf"), conf);
    }

    private static String masterFile(String zone) {
        return "$TTL 60\n"
                + "@ IN SOA ns1."
                + zone
                + ". hostmaster."
                + zone
                + ". 1 3600 600 86400 60\n"
                + "@ IN NS ns1."
                + zone
                + ".\n"
                + "ns1 IN A 127.0.0.1\n";
    }
}
