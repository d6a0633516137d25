package dev.gatehouse.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The units {@link PrivateSystemd} loads besides the ones under test: empty targets in place of the
 * ones a service's default dependencies name (so that starting a service starts nothing of the
 * machine's), {@code basic.target} pulling in the journal, and a journald of two short units.
 */
final class StandInUnits {

    private StandInUnits() {}

    static void write(Path units) throws IOException {
        for (String target : List.of("sysinit", "shutdown", "network-online", "multi-user")) {
            Files.writeString(
                    units.resolve(target + ".target"),
                    "[Unit]\nDescription=%s.target (empty stand-in)\n".formatted(target));
        }
        Files.writeString(
                units.resolve("basic.target"),
                "[Unit]\nDescription=basic.target (stand-in)\nWants=systemd-journald.socket\n");
        Files.writeString(
                units.resolve("systemd-journald.socket"),
                """
                [Unit]
                Description=Journal Socket
                DefaultDependencies=no
                [Socket]
                ListenStream=/run/systemd/journal/stdout
                ListenDatagram=/run/systemd/journal/socket
                SocketMode=0666
                PassCredentials=yes
                PassSecurity=yes
                ReceiveBuffer=8M
                Service=systemd-journald.service
                """);
        Files.writeString(
                units.resolve("systemd-journald.service"),
                """
                [Unit]
                Description=Journal Service
                DefaultDependencies=no
                Requires=systemd-journald.socket
                After=systemd-journald.socket
                [Service]
                Type=notify
                Sockets=systemd-journald.socket
                ExecStart=/lib/systemd/systemd-journald
                """);
    }
}
