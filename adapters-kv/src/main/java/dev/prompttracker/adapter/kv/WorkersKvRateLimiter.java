package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.domain.error.Unavailable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Request-rate limits decided in process, plus a count shared by every instance for the coarse,
 * long-window ones (an hour or more by default: registrations, signups), kept in Workers KV so that
 * running more instances does not multiply an hourly quota.
 *
 * <p>Short windows never touch the shared store: KV is eventually consistent, allows one write per
 * second per key and every call spends the account's API budget. The shared count is approximate for
 * the same reasons (two instances can read the same count within KV's propagation delay), and best
 * effort: when the store fails, the in-process limit alone decides.
 */
public final class WorkersKvRateLimiter implements RateLimiter {
    public static final Duration DEFAULT_SHARED_FROM = Duration.ofHours(1);
    private static final String PREFIX = "quota:";

    private final RateLimiter local;
    private final WorkersKvCache shared;
    private final Clock clock;
    private final Duration sharedFrom;

    public WorkersKvRateLimiter(RateLimiter local, WorkersKvCache shared, Clock clock, Duration sharedFrom) {
        this.local = local;
        this.shared = shared;
        this.clock = clock;
        this.sharedFrom = sharedFrom;
    }

    @Override
    public Optional<Duration> tryAcquire(String key, Limit limit) {
        Optional<Duration> wait = local.tryAcquire(key, limit);
        if (wait.isPresent() || limit.period().compareTo(sharedFrom) < 0) {
            return wait;
        }
        // A fixed window per period: every instance computes the same key without coordinating.
        Instant now = clock.instant();
        long periodMillis = limit.period().toMillis();
        long window = Math.floorDiv(now.toEpochMilli(), periodMillis);
        Instant windowEnd = Instant.ofEpochMilli((window + 1) * periodMillis);
        String countKey = PREFIX + key + ":" + window;
        try {
            long used = shared.get(countKey).map(WorkersKvRateLimiter::count).orElse(0L);
            if (used >= limit.permits()) {
                return Optional.of(Duration.between(now, windowEnd));
            }
            shared.put(countKey, Long.toString(used + 1), Duration.between(now, windowEnd));
        } catch (Unavailable sharedStoreDown) {
            // Best effort: the in-process limit has already allowed this request.
        }
        return Optional.empty();
    }

    private static long count(String stored) {
        try {
            return Long.parseLong(stored.strip());
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}
