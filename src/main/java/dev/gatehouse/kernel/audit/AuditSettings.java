package dev.gatehouse.kernel.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the audit log, under {@code gatehouse.audit}.
 *
 * @param queueCapacity events the batching writer holds before producers block; 100–1,000,000
 * @param batchSize events per multi-row insert; 1–1,000 and at most {@code queueCapacity}
 * @param flushInterval longest wait of a queued event before its batch is written; 1 ms–1 s
 * @param shutdownTimeout how long a graceful shutdown waits for the queue to drain; 1 s–10 min
 * @param previewBytes longest string stored in details, in UTF-8 bytes, marker included; 256–65,536
 * @param sealInterval pause between sealer runs; 100 ms–1 min
 * @param sealBatch events sealed per sealer transaction; 1–100,000
 * @param exportMaxRows most events one NDJSON export returns; 1–1,000,000
 */
@ConfigurationProperties("gatehouse.audit")
public record AuditSettings(
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("500") int batchSize,
        @DefaultValue("50ms") Duration flushInterval,
        @DefaultValue("30s") Duration shutdownTimeout,
        @DefaultValue("2048") int previewBytes,
        @DefaultValue("1s") Duration sealInterval,
        @DefaultValue("5000") int sealBatch,
        @DefaultValue("100000") int exportMaxRows) {

    public AuditSettings {
        range("queue_capacity", queueCapacity, 100, 1_000_000);
        range("batch_size", batchSize, 1, 1_000);
        if (batchSize > queueCapacity) {
            throw new IllegalArgumentException(
                    "gatehouse.audit.batch_size ("
                            + batchSize
                            + ") must not exceed gatehouse.audit.queue_capacity ("
                            + queueCapacity
                            + ")");
        }
        range("flush_interval", flushInterval, Duration.ofMillis(1), Duration.ofSeconds(1));
        range("shutdown_timeout", shutdownTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        range("preview_bytes", previewBytes, 256, 65_536);
        range("seal_interval", sealInterval, Duration.ofMillis(100), Duration.ofMinutes(1));
        range("seal_batch", sealBatch, 1, 100_000);
        range("export_max_rows", exportMaxRows, 1, 1_000_000);
    }

    /** The documented defaults. */
    public static AuditSettings defaults() {
        return new AuditSettings(
                10_000,
                500,
                Duration.ofMillis(50),
                Duration.ofSeconds(30),
                2_048,
                Duration.ofSeconds(1),
                5_000,
                100_000);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "gatehouse.audit."
                            + name
                            + " must be between "
                            + min
                            + " and "
                            + max
                            + ", was "
                            + value);
        }
    }

    private static void range(String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    "gatehouse.audit."
                            + name
                            + " must be between "
                            + min
                            + " and "
                            + max
                            + ", was "
                            + value);
        }
    }
}
