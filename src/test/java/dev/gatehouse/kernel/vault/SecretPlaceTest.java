package dev.gatehouse.kernel.vault;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretPlaceTest {

    @Test
    void tableAndColumnMustBePlainIdentifiers() {
        assertThatThrownBy(
                        () ->
                                new SecretPlace(
                                        VaultFixtures.OTHER, null, "Companies", "secret", "1"))
                .hasMessage("table must match ^[a-z_][a-z0-9_]{0,62}$, was \"Companies\"");
        assertThatThrownBy(
                        () ->
                                new SealedColumn(
                                        VaultFixtures.OTHER,
                                        "companies",
                                        "id",
                                        null,
                                        "x; drop table y"))
                .hasMessage("column must match ^[a-z_][a-z0-9_]{0,62}$, was \"x; drop table y\"");
        assertThatThrownBy(
                        () ->
                                new SealedColumn(
                                        VaultFixtures.OTHER,
                                        "companies",
                                        "id",
                                        "tenant\"",
                                        "secret"))
                .hasMessage("tenant column must match ^[a-z_][a-z0-9_]{0,62}$, was \"tenant\"\"");
    }

    @Test
    void rowIdMustBePresentAndBounded() {
        assertThatThrownBy(
                        () -> new SecretPlace(VaultFixtures.OTHER, null, "companies", "secret", ""))
                .hasMessage("row id must be 1 to 200 characters, was 0");
        assertThatThrownBy(
                        () ->
                                new SecretPlace(
                                        VaultFixtures.OTHER,
                                        null,
                                        "companies",
                                        "secret",
                                        "9".repeat(201)))
                .hasMessage("row id must be 1 to 200 characters, was 201");
    }
}
