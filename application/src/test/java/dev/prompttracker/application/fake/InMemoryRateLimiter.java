package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A token bucket per key on the given clock: simple, exact, for tests. */
public final class InMemoryRateLimiter implements RateLimiter {
    private record Bucket(double tokens, Instant at) {
    }

    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Clock clock;

    public InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Duration> tryAcquire(String key, Limit limit) {
        Instant now = clock.instant();
        double perNano = (double) limit.permits() / limit.period().toNanos();
        Bucket bucket = buckets.getOrDefault(key, new Bucket(limit.permits(), now));
        double tokens = Math.min(limit.permits(), bucket.tokens() + perNano * Duration.between(bucket.at(), now).toNanos());
        if (tokens >= 1) {
            buckets.put(key, new Bucket(tokens - 1, now));
            return Optional.empty();
        }
        buckets.put(key, new Bucket(tokens, now));
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
    }
}
