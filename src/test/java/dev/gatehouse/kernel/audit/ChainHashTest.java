package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;

class ChainHashTest {

    private final ChainHash hash = new ChainHash();

    static EventRow row(@Nullable String correlationId) {
        return new EventRow(
                "evt_01jd0000000000000000000000",
                42L,
                Instant.parse("2026-11-25T10:00:00.123456Z"),
                "req_01JD00000000000000000000AB",
                "api_key",
                "key_01jd0000000000000000000000",
                "deploy bot …1234",
                "api_key.created",
                "api_key",
                "key_01jd0000000000000000000001",
                "allow",
                null,
                "203.0.113.7",
                "curl/8.5",
                "{\"scopes\": [\"apps:read\"], \"name\": \"ci\"}",
                correlationId);
    }

    /**
     * Computed by the encoding as it was before {@code correlation_id} existed: rows without one
     * must hash exactly so, or every chain sealed before V12 would stop verifying.
     */
    @Test
    void aRowWithoutACorrelationIdHashesAsBeforeTheColumnExisted() {
        assertThat(HexFormat.of().formatHex(hash.link(ChainHash.GENESIS, row(null))))
                .isEqualTo("60609123af3185ccda50d26a89cb448eb110c8ae1fc7bedf72a2887e9144b6ed");
    }

    @Test
    void theCorrelationIdIsPartOfTheHash() {
        byte[] without = hash.link(ChainHash.GENESIS, row(null));
        byte[] with = hash.link(ChainHash.GENESIS, row("trace-0001"));
        assertThat(with).isNotEqualTo(without);
        assertThat(hash.link(ChainHash.GENESIS, row("trace-0002"))).isNotEqualTo(with);
        assertThat(hash.link(ChainHash.GENESIS, row("trace-0001"))).isEqualTo(with);
    }
}
