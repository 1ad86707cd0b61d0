package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.port.out.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Request-rate limits in process, one token bucket per key: a full bucket allows a burst of
 * {@code permits}, then one permit per {@code period / permits}. No store is involved (KV is
 * eventually consistent and its writes would spend the Cloudflare API budget).
 *
 * <p>At most {@code maxBuckets} keys are kept. When a new key needs room, one bucket is dropped from
 * the least recently used end: a full one first (it is the same as no bucket), else the least
 * recently used one that still allows a request. A bucket that is refusing requests is never
 * dropped, so flooding the table with distinct keys cannot lift anyone's lockout. If every bucket
 * looked at is refusing, the new key is refused too: failing closed keeps brute-force limits in
 * force while the table is saturated (accepting it without a bucket would give each new key
 * unlimited requests), and it can only last while an attacker keeps that many buckets exhausted.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
    /** Buckets one new key may look at to find room: bounds the work of a call under a flood. */
    static final int EVICTION_SCAN = 64;

    private static final class Bucket {
        private double tokens;
        private long atNanos;
        private int permits;
        private double perNano;

        Bucket(Limit limit, long now) {
            permits = limit.permits();
            perNano = perNano(limit);
            tokens = permits;
            atNanos = now;
        }

        double tokensAt(long now) {
            return Math.min(permits, tokens + perNano * Math.max(0, now - atNanos));
        }

        boolean full(long now) {
            return tokensAt(now) >= permits;
        }

        boolean refusing(long now) {
            return tokensAt(now) < 1;
        }

        Optional<Duration> take(Limit limit, long now) {
            double available = tokensAt(now);
            permits = limit.permits();
            perNano = perNano(limit);
            atNanos = now;
            available = Math.min(permits, available);
            if (available >= 1) {
                tokens = available - 1;
                return Optional.empty();
            }
            tokens = available;
            return Optional.of(nanos((1 - available) / perNano));
        }
    }

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true); // access order: eldest first
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final int maxBuckets;

    public TokenBucketRateLimiter(Clock clock, int maxBuckets) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1");
        }
        this.clock = clock;
        this.maxBuckets = maxBuckets;
    }

    @Override
    public Optional<Duration> tryAcquire(String key, Limit limit) {
        lock.lock();
        try {
            long now = nowNanos();
            Bucket bucket = buckets.get(key);
            if (bucket == null) {
                if (buckets.size() >= maxBuckets && !makeRoom(now)) {
                    return Optional.of(nanos(1 / perNano(limit)));
                }
                bucket = new Bucket(limit, now);
                buckets.put(key, bucket);
            }
            return bucket.take(limit, now);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return buckets.size();
        } finally {
            lock.unlock();
        }
    }

    /** Drops one bucket that is not refusing, looking at most at {@link #EVICTION_SCAN} from the eldest. */
    private boolean makeRoom(long now) {
        List<Map.Entry<String, Bucket>> refusing = new ArrayList<>();
        String leastRecentlyUsed = null;
        boolean dropped = false;
        Iterator<Map.Entry<String, Bucket>> eldestFirst = buckets.entrySet().iterator();
        for (int seen = 0; seen < EVICTION_SCAN && eldestFirst.hasNext(); seen++) {
            Map.Entry<String, Bucket> entry = eldestFirst.next();
            if (entry.getValue().full(now)) {
                eldestFirst.remove();
                dropped = true;
                break;
            }
            if (entry.getValue().refusing(now)) {
                // Moved to the young end below, so the next search starts past them.
                eldestFirst.remove();
                refusing.add(entry);
            } else if (leastRecentlyUsed == null) {
                leastRecentlyUsed = entry.getKey();
            }
        }
        if (!dropped && leastRecentlyUsed != null) {
            buckets.remove(leastRecentlyUsed);
            dropped = true;
        }
        refusing.forEach(entry -> buckets.put(entry.getKey(), entry.getValue()));
        return dropped;
    }

    private static double perNano(Limit limit) {
        return (double) limit.permits() / limit.period().toNanos();
    }

    private static Duration nanos(double nanos) {
        return Duration.ofNanos((long) Math.ceil(nanos));
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
