package dev.gatehouse.kernel.web;

/**
 * Token-bucket rate limiting keyed by subject ({@code ip:203.0.113.9}, {@code key:key_abc}, {@code
 * acct:…}). Implementations are thread-safe; the PostgreSQL one is shared by every node.
 */
public interface RateLimiter {

    /** Takes one token from {@code subjectKey}'s bucket under {@code limit}. */
    RateDecision tryConsume(String subjectKey, RateLimit limit);
}
