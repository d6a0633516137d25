package dev.gatehouse.gateway.upstream;

import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Problems;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * What one relay did, for the audit event and metrics of the pipeline that called it.
 *
 * @param outcome how it ended
 * @param reason a stable, safe reason code for anything but {@link Outcome#RELAYED} ({@code
 *     timeout}, {@code connection_refused}, {@code private_target}, {@code login_rejected}, {@code
 *     response_too_large}…), never upstream text; null when relayed
 * @param upstreamStatus the upstream's status when it answered, else null
 * @param responseStatus the status the client was sent (0 when the client was gone or the
 *     connection was aborted)
 * @param latency from the start of the relay until the upstream's answer headers (or the failure)
 * @param requestBytes request body bytes read from the client
 * @param responseBytes response body bytes sent to the client
 * @param requestPreview the first at most {@link #PREVIEW_BYTES} bytes of the request body, as sent
 *     (the caller redacts secret-named fields before storing)
 * @param responsePreview the same for the response body
 * @param sessionLogin true when this relay made an upstream session login
 * @param retried true when the upstream refused the session token with 401 and the relay logged in
 *     again and retried once
 */
public record RelayResult(
        Outcome outcome,
        @Nullable String reason,
        @Nullable Integer upstreamStatus,
        int responseStatus,
        Duration latency,
        long requestBytes,
        long responseBytes,
        byte[] requestPreview,
        byte[] responsePreview,
        boolean sessionLogin,
        boolean retried) {

    /** The longest preview kept of either body. */
    public static final int PREVIEW_BYTES = 2048;

    /** How a relay ended. */
    public enum Outcome {
        /** The upstream's answer was streamed to the client in full. */
        RELAYED(0, ""),
        /** The tenant has no upstream: 502 {@code upstream_unavailable}. */
        NOT_CONFIGURED(502, "upstream_unavailable"),
        /** The path or query cannot be sent as given: 400 {@code invalid_path}. */
        INVALID_TARGET(400, "invalid_path"),
        /** The request body is over {@code max_request_bytes}: 413 {@code payload_too_large}. */
        PAYLOAD_TOO_LARGE(413, "payload_too_large"),
        /** The upstream did not connect or answer within {@code timeout_ms}: 504. */
        UPSTREAM_TIMEOUT(504, "upstream_timeout"),
        /**
         * The upstream could not be reached, answered something that is not HTTP, its session login
         * failed, or its answer is over {@code max_response_bytes} and nothing was sent yet: 502
         * {@code upstream_unavailable}.
         */
        UPSTREAM_UNAVAILABLE(502, "upstream_unavailable"),
        /**
         * The answer had started streaming when it failed or went over {@code max_response_bytes}:
         * the client connection is aborted (see {@link RelayAborted}).
         */
        ABORTED(0, ""),
        /** The client went away (or its body broke off) before the relay was done. */
        CLIENT_GONE(0, "");

        private final int status;
        private final String code;

        Outcome(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** The problem the client was sent for this outcome; null when none was sent. */
        @Nullable ApiProblem problem(long maxRequestBytes) {
            return switch (this) {
                case RELAYED, ABORTED, CLIENT_GONE -> null;
                case PAYLOAD_TOO_LARGE -> Problems.payloadTooLarge(maxRequestBytes);
                case INVALID_TARGET ->
                        new ApiProblem(
                                status,
                                code,
                                "Invalid path",
                                "The path or query cannot be relayed.",
                                List.of(),
                                null);
                case UPSTREAM_TIMEOUT ->
                        new ApiProblem(
                                status,
                                code,
                                "Gateway timeout",
                                "The ERP did not answer in time.",
                                List.of(),
                                null);
                case NOT_CONFIGURED, UPSTREAM_UNAVAILABLE ->
                        new ApiProblem(
                                status,
                                code,
                                "Bad gateway",
                                "The ERP could not be reached or gave no usable answer.",
                                List.of(),
                                null);
            };
        }
    }

    public RelayResult {
        requestPreview = requestPreview.clone();
        responsePreview = responsePreview.clone();
    }

    @Override
    public byte[] requestPreview() {
        return requestPreview.clone();
    }

    @Override
    public byte[] responsePreview() {
        return responsePreview.clone();
    }

    @Override
    public String toString() {
        return "RelayResult["
                + outcome
                + (reason == null ? "" : " " + reason)
                + " upstream="
                + upstreamStatus
                + " client="
                + responseStatus
                + " "
                + latency.toMillis()
                + "ms]";
    }
}
