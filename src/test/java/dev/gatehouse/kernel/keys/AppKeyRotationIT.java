package dev.gatehouse.kernel.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rotating {@code APP_KEY} keeps every API key working: old hashes are recognised and re-made. */
class AppKeyRotationIT {

    private static Map<String, String> restartWith(
            Map<String, String> env, String appKey, String previous) {
        Map<String, String> next = new HashMap<>(env);
        next.put("APP_KEY", appKey);
        next.put("APP_KEY_PREVIOUS", previous);
        next.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        next.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        return next;
    }

    @Test
    void keysSurviveAnAppKeyRotationAndAreRehashedUnderTheNewKey() {
        Map<String, String> env = TestNode.environment(Map.of());
        String[] key;
        byte[] before;
        try (TestNode first = TestNode.startWith(env)) {
            Tenancy.TestTenant t = Tenancy.newTenant(first);
            key = Tenancy.newKey(first, t, List.of("apps:read"));
            before = hashOf(first.database(), key[0]);
        }
        String newAppKey =
                java.util.Base64.getEncoder()
                        .encodeToString(new java.security.SecureRandom().generateSeed(32));

        Map<String, String> rotated = restartWith(env, newAppKey, env.get("APP_KEY"));
        try (TestNode second = TestNode.startWith(rotated)) {
            assertThat(second.http().get("/v1/whoami", key[1]).status()).isEqualTo(200);
        }
        byte[] after = hashOf(rotated.get("DATABASE_NAME_FOR_TESTS"), key[0]);
        assertThat(after).isNotEqualTo(before);

        try (TestNode third = TestNode.startWith(restartWith(env, newAppKey, ""))) {
            assertThat(third.http().get("/v1/whoami", key[1]).status()).isEqualTo(200);
            assertThat(third.http().get("/v1/whoami", "gk_" + "B".repeat(43)).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void withoutThePreviousKeyOldHashesAreNotRecognised() {
        Map<String, String> env = TestNode.environment(Map.of());
        String[] key;
        try (TestNode first = TestNode.startWith(env)) {
            key = Tenancy.newKey(first, Tenancy.newTenant(first), List.of("apps:read"));
        }
        String newAppKey =
                java.util.Base64.getEncoder()
                        .encodeToString(new java.security.SecureRandom().generateSeed(32));
        try (TestNode second = TestNode.startWith(restartWith(env, newAppKey, ""))) {
            assertThat(second.http().get("/v1/whoami", key[1]).status()).isEqualTo(401);
        }
    }

    private static byte[] hashOf(String database, String keyId) {
        return JdbcClient.create(TestDatabase.ownerOf(database))
                .sql("select hash from api_keys where public_id = ?")
                .param(keyId)
                .query(byte[].class)
                .single();
    }
}
