package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.port.out.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request-rate limits in process, one token bucket per key: a full bucket allows a burst of
 * {@code permits}, then one permit per {@code period / permits}. No store is involved (KV is
 * eventually consistent and its writes would spend the Cloudflare API budget). The number of
 * buckets is bounded so a flood of distinct keys cannot exhaust memory; full buckets are dropped
 * first, as they are equal to a fresh one.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
    private record Bucket(double tokens, long atNanos, int permits) {
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxBuckets;

    public TokenBucketRateLimiter(Clock clock, int maxBuckets) {
        this.clock = clock;
        this.maxBuckets = maxBuckets;
    }

    @Override
    public Optional<Duration> tryAcquire(String key, Limit limit) {
        if (buckets.size() >= maxBuckets && !buckets.containsKey(key)) {
            dropFullBuckets();
        }
        long now = nanos();
        double perNano = (double) limit.permits() / limit.period().toNanos();
        double[] waitNanos = {0};
        buckets.compute(key, (k, bucket) -> {
            double tokens = bucket == null ? limit.permits()
                    : Math.min(limit.permits(), bucket.tokens() + perNano * (now - bucket.atNanos()));
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now, limit.permits());
            }
            waitNanos[0] = (1 - tokens) / perNano;
            return new Bucket(tokens, now, limit.permits());
        });
        return waitNanos[0] > 0 ? Optional.of(Duration.ofNanos((long) Math.ceil(waitNanos[0]))) : Optional.empty();
    }

    public int size() {
        return buckets.size();
    }

    private void dropFullBuckets() {
        buckets.values().removeIf(bucket -> bucket.tokens() >= bucket.permits() - 1);
        if (buckets.size() >= maxBuckets) {
            // Everyone is busy: forget the oldest state rather than grow without bound.
            buckets.clear();
        }
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
