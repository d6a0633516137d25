package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.product.ProductModules;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.SecretPlace;
import dev.gatehouse.kernel.vault.Vault;
import dev.gatehouse.kernel.vault.VaultKeys;
import dev.gatehouse.kernel.vault.VaultPurpose;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** What Connect Domain declares to the kernel, found on the class path as the kernel finds it. */
class DomainsModuleTest {

    @Test
    void connectDomainIsInstalledThroughServiceLoader() {
        assertThat(ProductModules.installed().all())
                .anySatisfy(m -> assertThat(m).isInstanceOf(DomainsModule.class));
        assertThat(ProductModules.installed().vaultPurposes())
                .contains(DomainsModule.WEBHOOK_SECRETS, DomainsModule.DNS_CREDENTIALS);
    }

    @Test
    void itsScopesAreDeclaredAndAdminImpliesRead() {
        var scopes = ProductModules.installed().scopes();
        assertThat(scopes.tenantScopes())
                .contains(
                        DomainScopes.APPS_READ,
                        DomainScopes.APPS_ADMIN,
                        DomainScopes.CONNECTIONS_READ,
                        DomainScopes.CONNECTIONS_WRITE,
                        Scope.KEYS_ADMIN,
                        Scope.AUDIT_READ);
        assertThat(scopes.effective(List.of(DomainScopes.APPS_ADMIN)))
                .containsExactlyInAnyOrder(DomainScopes.APPS_ADMIN, DomainScopes.APPS_READ);
    }

    /** Sealed by the enum-based vault (APP_KEY 0x11…, CREDENTIAL_ENC_KEY 0x22…, nonce 0x5a…). */
    @Test
    void webhookSecretsAndDnsCredentialsSealedBeforeTheMoveStillOpen() {
        assertKnownAnswer(
                DomainsModule.WEBHOOK_SECRETS,
                "v1.aa7adb92204d036f.WlpaWlpaWlpaWlpa3JPyXPgkpT01Iylf-sR5TNciBPRt0iBecrxWIg");
        assertKnownAnswer(
                DomainsModule.DNS_CREDENTIALS,
                "v1.e152e5972661ad2a.WlpaWlpaWlpaWlpa98LdD6LNBMcj5KT2Kpt4ZEE_K26pt_8WKwxtsw");
    }

    private static void assertKnownAnswer(VaultPurpose purpose, String sealedBefore) {
        byte[] app = new byte[32];
        Arrays.fill(app, (byte) 0x11);
        byte[] credential = new byte[32];
        Arrays.fill(credential, (byte) 0x22);
        Vault vault =
                new Vault(
                        VaultKeys.of(app, List.of(), credential, List.of()),
                        new SecureRandom() {
                            private static final long serialVersionUID = 1L;

                            @Override
                            public void nextBytes(byte[] bytes) {
                                Arrays.fill(bytes, (byte) 0x5a);
                            }
                        });
        SecretPlace place = new SecretPlace(purpose, new TenantId(7), "t", "c", "row_1");
        byte[] plaintext = "known answer".getBytes(StandardCharsets.UTF_8);

        assertThat(vault.seal(place, plaintext).text()).isEqualTo(sealedBefore);
        assertThat(vault.open(place, sealedBefore))
                .isInstanceOfSatisfying(
                        Opened.Revealed.class,
                        r -> assertThat(r.secret().bytes()).isEqualTo(plaintext));
    }
}
