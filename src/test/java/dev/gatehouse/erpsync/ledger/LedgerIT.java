package dev.gatehouse.erpsync.ledger;

import static dev.gatehouse.erpsync.SyncScenario.NOW;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.ledger.LedgerEntry.Kind;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/** The ledger's claims under concurrency, leases and retry times, on the real PostgreSQL. */
class LedgerIT {

    private final TestNode node = TestNode.shared();
    private SyncScenario s;
    private Ledger ledger;
    private Company company;

    @BeforeEach
    void start() {
        s = SyncScenario.start(node);
        ledger = node.bean(Ledger.class);
        company = s.company();
    }

    @AfterEach
    void close() {
        s.close();
    }

    private Optional<Ledger.Claim> claim(String key, String token, java.time.Instant now) {
        return ledger.claim(
                company.tenant(),
                company.id(),
                Kind.PURCHASE_ORDER,
                key,
                token,
                now,
                now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void ofSixteenConcurrentClaimantsExactlyOneWins() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(16)) {
            List<CompletableFuture<Optional<Ledger.Claim>>> claims =
                    IntStream.range(0, 16)
                            .mapToObj(
                                    i ->
                                            CompletableFuture.supplyAsync(
                                                    () -> {
                                                        try {
                                                            go.await();
                                                        } catch (InterruptedException e) {
                                                            throw new IllegalStateException(e);
                                                        }
                                                        return claim("PO0001", "token-" + i, NOW);
                                                    },
                                                    pool))
                            .toList();
            go.countDown();
            assertThat(claims.stream().map(CompletableFuture::join).filter(Optional::isPresent))
                    .hasSize(1);
        }
    }

    @Test
    void aSentItemIsNeverClaimedAgain() {
        Ledger.Claim c = claim("PO0002", "t1", NOW).orElseThrow();
        assertThat(ledger.sent(company.tenant(), c, "650a1b2c3d4e5f6a7b8c9d99", "gatehouse", NOW))
                .isTrue();
        assertThat(claim("PO0002", "t2", NOW.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void aFailedItemWaitsItsRetryTimeAndThenMustBeLookedUp() {
        Ledger.Claim c = claim("PO0003", "t1", NOW).orElseThrow();
        assertThat(c.priorAttempt()).isFalse();
        ledger.failed(company.tenant(), c, "VALIDATION: zip", NOW.plus(Duration.ofMinutes(240)));
        assertThat(claim("PO0003", "t2", NOW.plus(Duration.ofMinutes(239)))).isEmpty();
        Ledger.Claim again = claim("PO0003", "t3", NOW.plus(Duration.ofMinutes(240))).orElseThrow();
        assertThat(again.priorAttempt()).isTrue();
        assertThat(again.attempt()).isEqualTo(2);
    }

    @Test
    void aClaimWhoseNodeDiedIsTakenOverAfterItsLeaseAndLookedUpFirst() {
        assertThat(claim("PO0004", "dead-node", NOW)).isPresent();
        assertThat(claim("PO0004", "other", NOW.plus(Duration.ofMinutes(4)))).isEmpty();
        Ledger.Claim takeover =
                claim("PO0004", "other", NOW.plus(Duration.ofMinutes(6))).orElseThrow();
        assertThat(takeover.priorAttempt()).isTrue();
        Ledger.Claim lost =
                new Ledger.Claim(
                        company.id(), Kind.PURCHASE_ORDER, "PO0004", "dead-node", false, 1);
        assertThat(
                        ledger.sent(
                                company.tenant(),
                                lost,
                                "650a1b2c3d4e5f6a7b8c9d98",
                                "gatehouse",
                                NOW))
                .isFalse();
    }

    @Test
    void historyFromFesaMarksAnUnsentItemSentButNeverOverridesALiveClaim() {
        ledger.learnedSent(
                company.tenant(),
                company.id(),
                Kind.PURCHASE_ORDER,
                "PO0005",
                "650a1b2c3d4e5f6a7b8c9d05",
                "fesa",
                NOW);
        assertThat(
                        ledger.entry(company.tenant(), company.id(), Kind.PURCHASE_ORDER, "PO0005")
                                .orElseThrow()
                                .state())
                .isEqualTo(LedgerEntry.State.SENT);
        assertThat(claim("PO0006", "live", NOW)).isPresent();
        ledger.learnedSent(
                company.tenant(),
                company.id(),
                Kind.PURCHASE_ORDER,
                "PO0006",
                null,
                "fesa",
                NOW.plusSeconds(1));
        assertThat(
                        ledger.entry(company.tenant(), company.id(), Kind.PURCHASE_ORDER, "PO0006")
                                .orElseThrow()
                                .state())
                .isEqualTo(LedgerEntry.State.SENDING);
    }
}
