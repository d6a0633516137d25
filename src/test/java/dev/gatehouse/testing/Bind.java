package dev.gatehouse.testing;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A real BIND ({@code /usr/sbin/named}, foreground) on loopback, authoritative for a few test
 * zones, each taking dynamic updates signed with one TSIG key (hmac-sha256) generated per instance.
 * Every instance also serves {@value #SERVFAIL_ZONE}, whose master file is deliberately broken, so
 * named answers SERVFAIL for any name under it.
 *
 * <p>named runs in the foreground as root (no {@code -u}), with no pid file, control channel or
 * session key outside its directory, so several instances run side by side; see {@link
 * BindProcess}.
 *
 * <p>{@link #set} and {@link #delete} are synchronous: BIND answers an update only after it has
 * applied it, so a query sent after they return sees the change. Everything lives in a temporary
 * directory removed on {@link #close()}; a shutdown hook stops named if a test forgets.
 *
 * <p>Usage: {@code Bind.shared().set("_gatehouse-challenge.app.example.com", "TXT", "value")} and
 * {@code TestNode.start(Map.of("DOMAINS_DNS_NAMESERVERS", bind.nameserver()))}.
 */
public final class Bind implements AutoCloseable {

    /** A zone whose master file is broken: every name below it answers SERVFAIL. */
    public static final String SERVFAIL_ZONE = "servfail-zone.net";

    public static final String TSIG_KEY_NAME = "gatehouse-test.";
    public static final String TSIG_ALGORITHM = "hmac-sha256";
    private static final long TTL = 60;

    /**
     * Whether this machine has an IPv6 loopback; named listens on {@code [::1]} too when it has.
     */
    public static final boolean IPV6 = ipv6Loopback();

    private static volatile Bind shared;

    private final BindProcess process;
    private final int port;
    private final List<String> zones;
    private final String secret;
    private final Thread hook;

    private Bind(BindProcess process, List<String> zones, String secret) {
        this.process = process;
        this.port = process.port();
        this.zones = zones;
        this.secret = secret;
        this.hook = new Thread(process::stopAndDelete, "bind-stop-" + port);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * One instance per test JVM with example.com, example.net, example.org and the SERVFAIL zone.
     */
    public static synchronized Bind shared() {
        if (shared == null) {
            shared = start("example.com", "example.net", "example.org");
        }
        return shared;
    }

    /**
     * Starts named, authoritative for {@code zones} (plus {@value #SERVFAIL_ZONE}), and waits until
     * it answers.
     */
    public static Bind start(String... zones) {
        if (zones.length == 0) {
            throw new IllegalArgumentException("at least one zone");
        }
        List<String> names = Stream.of(zones).map(Bind::canonical).toList();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getEncoder().encodeToString(key);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return new Bind(
                        BindProcess.launch(
                                names, SERVFAIL_ZONE, TSIG_KEY_NAME, TSIG_ALGORITHM, secret, IPV6),
                        names,
                        secret);
            } catch (BindProcess.PortTaken e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code 127.0.0.1:<port>}: the value for {@code DOMAINS_DNS_NAMESERVERS}. */
    public String nameserver() {
        return "127.0.0.1:" + port;
    }

    /** {@code [::1]:<port>}, the same server over IPv6 loopback (only when {@link #IPV6}). */
    public String nameserverV6() {
        if (!IPV6) {
            throw new IllegalStateException("this machine has no IPv6 loopback");
        }
        return "[::1]:" + port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public List<String> zones() {
        return zones;
    }

    public String tsigKeyName() {
        return TSIG_KEY_NAME;
    }

    public String tsigAlgorithm() {
        return TSIG_ALGORITHM;
    }

    public String tsigSecretBase64() {
        return secret;
    }

    /** A name that answers SERVFAIL. */
    public String servfailName() {
        return "anything." + SERVFAIL_ZONE;
    }

    /**
     * Replaces the RRset of {@code type} at {@code name} with {@code values} (TXT values are
     * literal text, split into 255-byte strings when longer; A/AAAA addresses; CNAME a host name).
     */
    public void set(String name, String type, String... values) {
        List<String> rdata = new ArrayList<>();
        for (String v : values) {
            rdata.add(Type.value(type) == Type.TXT ? quotedTxt(v) : v);
        }
        setRdata(name, type, rdata.toArray(String[]::new));
    }

    /**
     * Replaces the RRset with records given in master-file syntax, e.g. {@code "\"part one\" \"part
     * two\""}.
     */
    public void setRdata(String name, String type, String... rdata) {
        int t = typeOf(type);
        Name owner = name(name);
        Update update = new Update(zoneOf(owner));
        update.delete(owner, t);
        try {
            for (String r : rdata) {
                update.add(owner, t, TTL, r);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("bad rdata for " + type + ": " + e.getMessage(), e);
        }
        send(update);
    }

    /** Deletes the RRset of {@code type} at {@code name} (nothing happens if there is none). */
    public void delete(String name, String type) {
        Name owner = name(name);
        Update update = new Update(zoneOf(owner));
        update.delete(owner, typeOf(type));
        send(update);
    }

    /**
     * {@code 127.0.0.1:<port>} of a UDP and TCP socket that accepts but never answers, open for the
     * whole JVM: a nameserver that times out.
     */
    public static String blackhole() {
        return BindBlackhole.address();
    }

    /** What named has printed so far (for failure messages). */
    public String log() {
        return process.log();
    }

    /** Stops named and removes its directory. */
    @Override
    public void close() {
        process.stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void send(Update update) {
        try {
            SimpleResolver r =
                    new SimpleResolver(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            r.setTCP(true);
            r.setTimeout(Duration.ofSeconds(5));
            r.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, Name.fromString(TSIG_KEY_NAME), secret));
            Message response = r.send(update);
            if (response.getRcode() != Rcode.NOERROR) {
                throw new IllegalStateException(
                        "named refused the update: "
                                + Rcode.string(response.getRcode())
                                + "\n"
                                + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("update failed\n" + log(), e);
        }
    }

    private Name zoneOf(Name owner) {
        return zones.stream()
                .map(Bind::name)
                .filter(z -> owner.subdomain(z))
                .max(Comparator.comparingInt(Name::labels))
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        owner + " is in none of the zones " + zones));
    }

    private static boolean ipv6Loopback() {
        try (java.net.DatagramSocket s =
                new java.net.DatagramSocket(new InetSocketAddress("::1", 0))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String quotedTxt(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 255) {
            String part =
                    new String(bytes, i, Math.min(255, bytes.length - i), StandardCharsets.UTF_8);
            out.append('"').append(part.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" ");
        }
        return bytes.length == 0 ? "\"\"" : out.toString().trim();
    }

    private static int typeOf(String type) {
        int t = Type.value(type.toUpperCase(Locale.ROOT));
        if (t < 0) {
            throw new IllegalArgumentException("unknown record type " + type);
        }
        return t;
    }

    static String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(canonical(name) + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("bad name " + name, e);
        }
    }
}
