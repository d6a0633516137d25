package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.DomainsModule;
import dev.gatehouse.kernel.vault.RotationReport;
import dev.gatehouse.kernel.vault.SealedSecret;
import dev.gatehouse.kernel.vault.Vault;
import dev.gatehouse.kernel.vault.VaultRotation;
import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.BindNode;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gatehouse vault rotate} re-seals DNS credential secrets, which keep working under the new
 * key.
 */
class DnsCredentialRotationIT {

    @Test
    void rotationResealsTheSecretUnderTheNewCredentialKeyAndApplyStillWorks() {
        Bind bind = Bind.shared();
        TestNode node = BindNode.shared();
        DomainsApi api = new DomainsApi(node);
        String credential =
                node.http()
                        .post(
                                "/v1/dns-credentials",
                                api.key(),
                                Http.json(
                                        CredentialBodies.flatten(
                                                CredentialBodies.rfc2136(bind, "rotating"))))
                        .json()
                        .get("id")
                        .asString();
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        String before = secret(owner, credential);

        try (TestNode rotated = TestNode.startWith(withNewCredentialKey(node.env()))) {
            RotationReport report = rotated.bean(VaultRotation.class).rotate();

            assertThat(report.failed()).isZero();
            assertThat(report.resealed()).isPositive();
            String after = secret(owner, credential);
            assertThat(after).isNotEqualTo(before);
            SealedSecret sealed = ((SealedSecret.Parsed.Valid) SealedSecret.parse(after)).sealed();
            assertThat(rotated.bean(Vault.class).isCurrent(DomainsModule.DNS_CREDENTIALS, sealed))
                    .isTrue();

            String app =
                    new DomainsApi(rotated, api.tenant()).application(null, List.of("192.0.2.10"));
            String conn =
                    new DomainsApi(rotated, api.tenant())
                            .connect(app, DomainsApi.hostname("example.com"))
                            .get("id")
                            .asString();
            Http.Response applied =
                    rotated.http()
                            .post(
                                    "/v1/applications/" + app + "/connections/" + conn + "/apply",
                                    api.key(),
                                    Http.json("dns_credential_id", credential));
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            assertThat(applied.json().get("status").asString()).isEqualTo("live");
        }
    }

    private static String secret(JdbcClient owner, String credential) {
        return owner.sql("select secret from dns_credentials where public_id = ?")
                .param(credential)
                .query(String.class)
                .single();
    }

    /**
     * The node's environment on fresh ports with a new CREDENTIAL_ENC_KEY, the old one as previous.
     */
    private static Map<String, String> withNewCredentialKey(Map<String, String> env) {
        Map<String, String> next = new HashMap<>(env);
        next.remove("GATEHOUSE_DATA_DIR");
        next.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        next.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        next.put("CREDENTIAL_ENC_KEY", Base64.getEncoder().encodeToString(key));
        next.put("CREDENTIAL_ENC_KEY_PREVIOUS", env.get("CREDENTIAL_ENC_KEY"));
        return next;
    }
}
