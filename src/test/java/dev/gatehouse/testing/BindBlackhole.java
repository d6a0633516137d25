package dev.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A UDP socket and a TCP listener on the same loopback port that take everything and answer
 * nothing, open for the whole JVM: the nameserver that times out. TCP connections are accepted and
 * held open, never read.
 */
final class BindBlackhole {

    private static String address;

    private BindBlackhole() {}

    static synchronized String address() {
        if (address == null) {
            address = open();
        }
        return address;
    }

    private static String open() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 10; attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                int port = udp.getLocalPort();
                ServerSocket tcp = new ServerSocket(port, 50, loopback);
                hold(udp, tcp);
                return "127.0.0.1:" + port;
            } catch (IOException portTakenForTcp) {
                if (udp != null) {
                    udp.close();
                }
            }
        }
        throw new UncheckedIOException(new IOException("no port free for both UDP and TCP"));
    }

    private static void hold(DatagramSocket udp, ServerSocket tcp) {
        List<Object> keep = new ArrayList<>();
        keep.add(udp);
        Thread accepter =
                new Thread(
                        () -> {
                            while (true) {
                                try {
                                    Socket s = tcp.accept();
                                    keep.add(s);
                                } catch (IOException e) {
                                    return;
                                }
                            }
                        },
                        "dns-blackhole");
        accepter.setDaemon(true);
        accepter.start();
    }
}
