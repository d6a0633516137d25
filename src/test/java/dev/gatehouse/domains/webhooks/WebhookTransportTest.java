package dev.gatehouse.domains.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

class WebhookTransportTest {

    @Test
    void failuresAreNamedByTheirClassNeverByTheirMessage() {
        assertThat(WebhookTransport.errorClass(new ConnectTimeoutException("secret host 10.0.0.1")))
                .isEqualTo("connect_timeout");
        assertThat(WebhookTransport.errorClass(new SocketTimeoutException("x")))
                .isEqualTo("timeout");
        assertThat(WebhookTransport.errorClass(new ConnectException("x")))
                .isEqualTo("connection_refused");
        assertThat(
                        WebhookTransport.errorClass(
                                new HttpHostConnectException("Connect to 10.0.0.1 refused")))
                .isEqualTo("connection_refused");
        assertThat(
                        WebhookTransport.errorClass(
                                new IOException("wrapped", new UnknownHostException("x"))))
                .isEqualTo("dns_error");
        assertThat(
                        WebhookTransport.errorClass(
                                new IOException("wrapped", new SSLHandshakeException("x"))))
                .isEqualTo("tls_error");
        assertThat(WebhookTransport.errorClass(new IOException("reset by peer")))
                .isEqualTo("io_error");
    }

    @Test
    void retryAfterIsReadInSecondsOnly() {
        assertThat(WebhookTransport.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookTransport.retryAfter(" 5 ")).isEqualTo(Duration.ofSeconds(5));
        assertThat(WebhookTransport.retryAfter("999999999")).isEqualTo(Duration.ofDays(1));
        assertThat(WebhookTransport.retryAfter("-1")).isNull();
        assertThat(WebhookTransport.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
        assertThat(WebhookTransport.retryAfter(null)).isNull();
    }
}
