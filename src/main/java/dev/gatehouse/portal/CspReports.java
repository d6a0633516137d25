package dev.gatehouse.portal;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives the browser's Content-Security-Policy violation reports. Portal pages carry no inline
 * script or style, so any report is a defect: it is counted (exposed for tests and as a metric) and
 * logged without its body, which can echo page content.
 */
@RestController
class CspReports {

    private static final Logger log = LoggerFactory.getLogger(CspReports.class);

    private final AtomicLong received = new AtomicLong();

    @PostMapping(path = "/portal/csp-report", consumes = {"application/csp-report", "application/reports+json",
            "application/json"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void report() {
        received.incrementAndGet();
        log.warn("Content-Security-Policy violation reported by a browser");
    }

    /** Reports received since start. */
    long count() {
        return received.get();
    }
}
