package dev.prompttracker.application;

import java.time.Duration;
import java.util.Objects;

/**
 * One of the core's in-process read models (assembled prompts and list pages; subscribers): how long
 * an entry may be served and how much memory it may hold. Every write through this instance makes
 * what it changed stale at once; the time to live bounds how long a write made through another
 * instance can go unseen here. A zero time to live or size turns it off. While the store is down
 * ({@code Unavailable}), an entry past its time to live is still served for {@code staleIfError}
 * (RFC 5861's stale-if-error), unless a write through this instance made it stale.
 */
public record CacheSettings(Duration timeToLive, long maxBytes, Duration staleIfError) {
    public CacheSettings {
        Objects.requireNonNull(timeToLive, "timeToLive");
        Objects.requireNonNull(staleIfError, "staleIfError");
        if (timeToLive.isNegative() || maxBytes < 0 || staleIfError.isNegative()) {
            throw new IllegalArgumentException("a cache needs a non-negative time to live, size and stale-if-error");
        }
    }

    public CacheSettings(Duration timeToLive, long maxBytes) {
        this(timeToLive, maxBytes, Duration.ZERO);
    }

    public CacheSettings withStaleIfError(Duration staleIfError) {
        return new CacheSettings(timeToLive, maxBytes, staleIfError);
    }

    /** Prompts and list pages: 5 seconds, 16 MiB. */
    public static CacheSettings promptDefaults() {
        return new CacheSettings(Duration.ofSeconds(5), 16L * 1024 * 1024);
    }

    /** Subscribers (every handbook request checks its reader's): 60 seconds, 2 MiB (some thousands). */
    public static CacheSettings subscriberDefaults() {
        return new CacheSettings(Duration.ofSeconds(60), 2L * 1024 * 1024);
    }

    public static CacheSettings disabled() {
        return new CacheSettings(Duration.ZERO, 0);
    }

    public boolean enabled() {
        return !timeToLive.isZero() && maxBytes > 0;
    }
}
