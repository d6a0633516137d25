package dev.gatehouse.domains.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gatehouse.domains.DnsLookup;
import dev.gatehouse.domains.DnsRecord;
import dev.gatehouse.domains.dns.DnsjavaLookup;
import dev.gatehouse.testing.Bind;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook is posted to the address its send-time check passed, never to one a second lookup of
 * the name gives (DNS rebinding, ADR 24), and TLS is still checked against the name.
 *
 * <p>The rebinding test runs the two steps {@link WebhookDispatcher} runs for each attempt, {@link
 * WebhookTargets#atSendTime} and then {@link WebhookTransport#post}, against a real BIND whose
 * record for the webhook's name answers a public address to the first query and is switched to
 * loopback right after it, where an HTTPS receiver with a valid certificate for the name listens.
 * Before ADR 24 the client resolved the name again when it connected, which is exactly the second
 * query: it would have got 127.0.0.1 and delivered to the receiver. The test shows that this is
 * what a second lookup yields and that posting to its answer does reach the receiver (so the setup
 * can fail), and that the post made from the check's verdict does not.
 *
 * <p>The other tests pin the transport's remaining promises: the certificate is checked against the
 * name, and an answer's body is never read (an endless one does not hold the sender).
 */
class WebhookPinnedAddressIT {

    /**
     * A public address as far as the check is concerned (the former 6to4 relay anycast) where no
     * webhook receiver lives: connecting to it fails here, as an unreachable receiver does.
     */
    static final String PUBLIC = "192.88.99.1";

    final Bind bind = Bind.shared();
    final DnsjavaLookup dns = new DnsjavaLookup(List.of(bind.nameserver()), Duration.ofSeconds(2));
    final TlsReceiver receiver = TlsReceiver.start();
    final WebhookTransport transport =
            new WebhookTransport(Clock.systemUTC(), receiver.clientTls());

    @AfterEach
    void stop() {
        transport.close();
        receiver.close();
    }

    @Test
    void aNameReboundToLoopbackAfterTheCheckGetsNoRequestThere() throws Exception {
        String host = "hook-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        String url = "https://" + host + ":" + receiver.port() + "/rebound";
        bind.set(host, "A", PUBLIC);
        WebhookTargets.Resolver viaBind = this::addresses;
        AtomicInteger asked = new AtomicInteger();
        WebhookTargets.Resolver rebinding =
                name -> {
                    InetAddress[] answer = viaBind.resolve(name);
                    if (asked.incrementAndGet() == 1) {
                        bind.set(name, "A", "127.0.0.1");
                    }
                    return answer;
                };

        WebhookTargets.SendCheck check = WebhookTargets.atSendTime(url, false, rebinding);
        assertThat(check)
                .isEqualTo(
                        new WebhookTargets.SendCheck.Allowed(
                                URI.create(url), InetAddress.ofLiteral(PUBLIC)));
        InetAddress[] secondLookup = viaBind.resolve(host);
        assertThat(secondLookup)
                .as("the name now points at the receiver, as a second lookup would see")
                .containsExactly(InetAddress.ofLiteral("127.0.0.1"));

        WebhookTransport.Sent sent =
                transport.post((WebhookTargets.SendCheck.Allowed) check, signed(), "{}");

        assertThat(sent.outcome()).isInstanceOf(Retries.Outcome.Unsent.class);
        assertThat(((Retries.Outcome.Unsent) sent.outcome()).retryable()).isTrue();
        assertThat(receiver.received()).as("requests that reached loopback").isEmpty();

        // The control: a post to the second lookup's answer, which is what resolving again at
        // connect time amounts to, reaches the receiver and is accepted.
        WebhookTransport.Sent rebound =
                transport.post(
                        new WebhookTargets.SendCheck.Allowed(URI.create(url), secondLookup[0]),
                        signed(),
                        "{}");
        assertThat(rebound.outcome()).isEqualTo(new Retries.Outcome.Answered(200, null));
        assertThat(receiver.received())
                .containsExactly(
                        new TlsReceiver.Received(host + ":" + receiver.port(), "/rebound"));
    }

    @Test
    void tlsIsCheckedAgainstTheNameNotThePinnedAddress() {
        InetAddress loopback = InetAddress.ofLiteral("127.0.0.1");

        WebhookTransport.Sent named = post("https://hooks.example.com:%d/tls", loopback);
        assertThat(named.outcome()).isEqualTo(new Retries.Outcome.Answered(200, null));
        assertThat(receiver.received())
                .containsExactly(
                        new TlsReceiver.Received("hooks.example.com:" + receiver.port(), "/tls"));

        // Same address and certificate, but names the certificate does not cover.
        assertThat(post("https://hooks.example.net:%d/tls", loopback).outcome())
                .isEqualTo(new Retries.Outcome.Unsent("tls_error", true));
        assertThat(post("https://127.0.0.1:%d/tls", loopback).outcome())
                .isEqualTo(new Retries.Outcome.Unsent("tls_error", true));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void anEndlessAnswerBodyIsNotReadAndDoesNotHoldTheSender() throws Exception {
        try (ServerSocket endless = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> trickle(endless));
            URI uri = URI.create("http://hooks.example.com:" + endless.getLocalPort() + "/endless");
            WebhookTransport.Sent sent =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(5),
                            () ->
                                    transport.post(
                                            new WebhookTargets.SendCheck.Allowed(
                                                    uri, InetAddress.ofLiteral("127.0.0.1")),
                                            signed(),
                                            "{}"));
            assertThat(sent.outcome()).isEqualTo(new Retries.Outcome.Answered(200, null));
        }
    }

    /** Answers 200 and then sends a chunked body that never ends, a chunk every 50 ms. */
    private static void trickle(ServerSocket server) {
        try (Socket s = server.accept();
                OutputStream out = s.getOutputStream()) {
            s.getInputStream().readNBytes(1);
            out.write(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write("5\r\nmore.\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException closedBySender) {
            // the sender dropped the connection, as it should
        }
    }

    private WebhookTransport.Sent post(String urlFormat, InetAddress address) {
        URI uri = URI.create(urlFormat.formatted(receiver.port()));
        return transport.post(new WebhookTargets.SendCheck.Allowed(uri, address), signed(), "{}");
    }

    private InetAddress[] addresses(String name) throws UnknownHostException {
        if (dns.lookup(name, DnsRecord.Type.A) instanceof DnsLookup.Found(List<String> values)) {
            return values.stream().map(InetAddress::ofLiteral).toArray(InetAddress[]::new);
        }
        throw new UnknownHostException(name);
    }

    private static WebhookSigner.Headers signed() {
        byte[] key = WebhookSigner.key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        return WebhookSigner.sign(key, "evt_pinned", Instant.now(), "{}");
    }
}
