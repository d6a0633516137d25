package dev.gatehouse.portal;

import dev.gatehouse.kernel.web.RateDecision;
import dev.gatehouse.kernel.web.RateLimit;
import dev.gatehouse.kernel.web.RateLimiter;
import dev.gatehouse.kernel.web.RequestInfo;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives the browser's Content-Security-Policy violation reports. Portal pages carry no inline
 * script or style, so any report is a defect: it is counted (exposed for tests and as a metric) and
 * logged without its body, which can echo page content.
 */
@RestController
class CspReports {

    private static final Logger log = LoggerFactory.getLogger(CspReports.class);

    private static final RateLimit PER_IP = RateLimit.perMinute("csp_report", 30);

    private final AtomicLong received = new AtomicLong();
    private final RateLimiter limiter;

    CspReports(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** Counted always; logged at most 30 times a minute per client, so nobody can flood the log. */
    @PostMapping(
            path = "/portal/csp-report",
            consumes = {"application/csp-report", "application/reports+json", "application/json"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void report(HttpServletRequest request) {
        received.incrementAndGet();
        String ip =
                RequestInfo.current().map(RequestInfo::clientIp).orElse(request.getRemoteAddr());
        if (limiter.tryConsume("ip:" + ip, PER_IP) instanceof RateDecision.Allowed) {
            log.warn("Content-Security-Policy violation reported by a browser");
        }
    }

    /** Reports received since start. */
    long count() {
        return received.get();
    }
}
