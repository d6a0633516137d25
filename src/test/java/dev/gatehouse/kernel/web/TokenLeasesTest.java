package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testing.TestClock;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Token leasing against a fake of the shared store: in-memory Bucket4j buckets that several "nodes"
 * (one {@link TokenLeases} each) share, on a clock the test moves. Each call of the shared bucket
 * stands for one database round trip and is counted.
 */
class TokenLeasesTest {

    private final TestClock clock = TestClock.standard();
    private final TimeMeter time = BucketDecisions.timeMeter(clock);
    private final Map<String, Bucket> store = new HashMap<>();
    private final AtomicInteger roundTrips = new AtomicInteger();

    private TokenLeases node() {
        return new TokenLeases(this::sharedBucket, time, 100);
    }

    private synchronized Bucket sharedBucket(String key, RateLimit limit) {
        Bucket bucket = store.computeIfAbsent(key, k -> BucketDecisions.localBucket(limit, time));
        return (Bucket)
                Proxy.newProxyInstance(
                        Bucket.class.getClassLoader(),
                        new Class<?>[] {Bucket.class},
                        (proxy, method, args) -> {
                            roundTrips.incrementAndGet();
                            try {
                                return method.invoke(bucket, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }

    private long sharedTokens(String subject, RateLimit limit) {
        return store.get(limit.bucketKey(subject)).getAvailableTokens();
    }

    private static int admitted(TokenLeases node, String subject, RateLimit limit, int attempts) {
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            if (node.tryConsume(subject, limit) instanceof RateDecision.Allowed) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void aLeaseIsOnePercentOfTheLimitAndOneTokenUnder200() {
        assertThat(TokenLeases.leaseSize(RateLimit.perMinute("sign_in_account", 5))).isEqualTo(1);
        assertThat(TokenLeases.leaseSize(RateLimit.perMinute("ip", 120))).isEqualTo(1);
        assertThat(TokenLeases.leaseSize(RateLimit.perMinute("ip", 199))).isEqualTo(1);
        assertThat(TokenLeases.leaseSize(RateLimit.perMinute("ip", 200))).isEqualTo(2);
        assertThat(TokenLeases.leaseSize(RateLimit.perMinute("key", 1200))).isEqualTo(12);
        assertThat(TokenLeases.leaseSize(RateLimit.perMinute("key", 1_000_000))).isEqualTo(10_000);
    }

    @Test
    void aNodeAsksTheSharedBucketOncePerLeaseAndDecidesTheRestLocally() {
        TokenLeases node = node();
        RateLimit limit = RateLimit.perMinute("key", 1000);
        assertThat(admitted(node, "key:a", limit, 10)).isEqualTo(10);
        assertThat(roundTrips).hasValue(1);
        assertThat(sharedTokens("key:a", limit)).isEqualTo(990);

        assertThat(admitted(node, "key:a", limit, 1)).isEqualTo(1);
        assertThat(roundTrips).hasValue(2);
        assertThat(sharedTokens("key:a", limit)).isEqualTo(980);
    }

    @Test
    void allowedHeadersCountTheSharedBucketAndTheUnspentLease() {
        TokenLeases node = node();
        RateLimit limit = RateLimit.perMinute("key", 1000);
        // 10 leased, 1 spent: 9 unspent here and 990 in the shared bucket; 10 tokens take 0.6 s.
        assertThat(node.tryConsume("key:a", limit))
                .isEqualTo(new RateDecision.Allowed(999, 1000, 1));
        assertThat(node.tryConsume("key:a", limit))
                .isEqualTo(new RateDecision.Allowed(998, 1000, 1));
    }

    @Test
    void smallLimitsStayExactAcrossNodes() {
        TokenLeases a = node();
        TokenLeases b = node();
        RateLimit login = RateLimit.perMinute("sign_in_account", 5);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            TokenLeases node = i % 2 == 0 ? a : b;
            if (node.tryConsume("acct:1", login) instanceof RateDecision.Allowed) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void nodesNeverAdmitMoreThanTheSharedBucketHandsOutAndStrandAtMostALeaseEach() {
        TokenLeases a = node();
        TokenLeases b = node();
        RateLimit limit = RateLimit.perMinute("key", 1000);
        int allowed = 0;
        for (int i = 0; i < 300; i++) {
            allowed += admitted(a, "key:hot", limit, 7) + admitted(b, "key:hot", limit, 3);
        }
        long lease = TokenLeases.leaseSize(limit);
        assertThat(allowed).isBetween((int) (1000 - 2 * (lease - 1)), 1000);
        assertThat(sharedTokens("key:hot", limit)).isZero();
    }

    @Test
    void aWindowAdmitsAtMostTheLimitPlusWhatEachNodeLeasedBeforeIt() {
        TokenLeases a = node();
        TokenLeases b = node();
        RateLimit limit = RateLimit.perMinute("key", 1000);
        assertThat(admitted(a, "key:hot", limit, 1)).isEqualTo(1); // a holds 9 leased tokens
        assertThat(admitted(b, "key:hot", limit, 2000)).isEqualTo(990);

        clock.advance(Duration.ofMinutes(1)); // the shared bucket is full again
        int window = admitted(b, "key:hot", limit, 2000) + admitted(a, "key:hot", limit, 2000);
        assertThat(window).isEqualTo(1000 + 9);
    }

    @Test
    void anEmptyLeaseRefusesLocallyUntilTheNextTokenIsDue() {
        TokenLeases node = node();
        RateLimit limit = RateLimit.perMinute("ip", 60);
        assertThat(admitted(node, "ip:a", limit, 60)).isEqualTo(60);
        int before = roundTrips.get();

        assertThat(node.tryConsume("ip:a", limit)).isEqualTo(new RateDecision.Limited(1, 60));
        clock.advance(Duration.ofMillis(400));
        assertThat(admitted(node, "ip:a", limit, 100)).isZero();
        assertThat(roundTrips.get() - before)
                .as("one round trip to learn the bucket is empty")
                .isEqualTo(1);

        clock.advance(Duration.ofMillis(600));
        assertThat(node.tryConsume("ip:a", limit)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(roundTrips.get() - before).isEqualTo(2);
    }

    @Test
    void aLimitedLeaseSaysWhenTheNextTokenIsDueInBothHeaders() {
        TokenLeases node = node();
        RateLimit limit = RateLimit.perMinute("key", 2);
        admitted(node, "key:a", limit, 2);
        RateDecision limited = node.tryConsume("key:a", limit);
        assertThat(limited).isEqualTo(new RateDecision.Limited(30, 2));
        clock.advance(Duration.ofSeconds(10));
        assertThat(node.tryConsume("key:a", limit).resetSeconds()).isEqualTo(20);
    }

    @Test
    void nodesKeepAtLeastOneLease() {
        assertThatThrownBy(() -> new TokenLeases(this::sharedBucket, time, 0))
                .hasMessage("max_keys must be at least 1, was 0");
    }
}
