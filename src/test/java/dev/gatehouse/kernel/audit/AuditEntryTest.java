package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testing.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

class AuditEntryTest {

    @ParameterizedTest
    @ValueSource(strings = {"api_key.created", "gateway.token.issued", "user.sign_in_failed"})
    void wellFormedActionsAreAccepted(String action) {
        assertThat(AuditEntry.of(null, Actor.system("t"), action).action()).isEqualTo(action);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "created",
                "Api_key.created",
                "api-key.created",
                "api_key.",
                ".created",
                "a..b",
                ""
            })
    void malformedActionsAreRefusedWithTheReason(String action) {
        assertThatThrownBy(() -> AuditEntry.of(null, Actor.system("t"), action))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<noun>.<past_tense_verb>");
    }

    @Test
    void cursorRoundTripsAndRefusesForgeries() {
        var cursor = new AuditCursor("evt_01hq3abcdefghjkmnpqrstvwxy");
        assertThat(AuditCursor.decode(cursor.encode())).contains(cursor);
        assertThat(cursor.encode()).doesNotContain("evt_");
        assertThat(AuditCursor.decode("abc")).isEmpty();
        assertThat(AuditCursor.decode("AAAAAAAAAAA")).as("not an event id").isEmpty();
        assertThat(AuditCursor.decode("_________8=")).isEmpty();
    }

    @Test
    void canonicalBytesDoNotDependOnJsonKeyOrderButOnEveryColumn() {
        var hash = new ChainHash();
        EventRow a =
                new EventRow(
                        "evt_x",
                        7L,
                        java.time.Instant.EPOCH,
                        null,
                        "system",
                        "t",
                        null,
                        "a.b",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "{\"b\": 1, \"a\": {\"d\": 2, \"c\": 3}}",
                        null);
        EventRow sameJson =
                new EventRow(
                        "evt_x",
                        7L,
                        java.time.Instant.EPOCH,
                        null,
                        "system",
                        "t",
                        null,
                        "a.b",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "{\"a\":{\"c\":3,\"d\":2},\"b\":1}",
                        null);
        EventRow otherTenant =
                new EventRow(
                        "evt_x",
                        8L,
                        java.time.Instant.EPOCH,
                        null,
                        "system",
                        "t",
                        null,
                        "a.b",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "{\"b\": 1, \"a\": {\"d\": 2, \"c\": 3}}",
                        null);
        EventRow nullVsEmpty =
                new EventRow(
                        "evt_x",
                        7L,
                        java.time.Instant.EPOCH,
                        "",
                        "system",
                        "t",
                        null,
                        "a.b",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "{\"b\": 1, \"a\": {\"d\": 2, \"c\": 3}}",
                        null);

        assertThat(hash.link(ChainHash.GENESIS, a))
                .isEqualTo(hash.link(ChainHash.GENESIS, sameJson));
        assertThat(hash.link(ChainHash.GENESIS, a))
                .isNotEqualTo(hash.link(ChainHash.GENESIS, otherTenant));
        assertThat(hash.link(ChainHash.GENESIS, a))
                .isNotEqualTo(hash.link(ChainHash.GENESIS, nullVsEmpty));
        assertThat(hash.link(ChainHash.GENESIS, a))
                .isNotEqualTo(hash.link(hash.link(ChainHash.GENESIS, a), a));
        assertThat(JsonMapper.builder().build().valueToTree(Map.of()).isObject()).isTrue();
    }

    @Test
    void eventIdsHaveThePrefixAndAlphabet() {
        var ids = new EventIds(TestClock.standard(), new java.security.SecureRandom());
        String id = ids.next();
        assertThat(id).matches("^evt_[0-9a-z]{26}$");
        assertThat(ids.next()).isNotEqualTo(id);
    }
}
