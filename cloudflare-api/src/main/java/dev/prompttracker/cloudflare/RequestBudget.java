package dev.prompttracker.cloudflare;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The client-side limit every Cloudflare call passes through, shared by all adapters of one token:
 * a token bucket under the account's budget, a pause gate that holds every call after a 429 until
 * its {@code Retry-After} (waiting out a pause up to the max wait, refusing at once past it), and a slow-down when Cloudflare reports few requests left. Calls made for
 * anonymous requests also draw on a second, smaller bucket (their share of the rate and of the
 * burst) and never wait for it: once their share is spent they are refused at once, and the rest of
 * the budget stays with signed-in users, writes and the product's own work.
 */
public final class RequestBudget {
    /** Below this many remaining requests (as Cloudflare reports them) calls are spaced out. */
    static final int LOW_WATER = 50;

    private final Clock clock;
    private final Sleeper sleeper;
    private final int capacity;
    private final double permitsPerNano;
    private final Duration maxWait;
    private double tokens;
    private Instant lastRefill;
    private Instant pausedUntil = Instant.MIN;
    private Duration spacing = Duration.ZERO;
    private Instant lastCall = Instant.MIN;
    private final double anonymousCapacity;
    private final double anonymousPermitsPerNano;
    private double anonymousTokens;

    public RequestBudget(int permits, Duration window, int burst, Duration maxWait, Clock clock, Sleeper sleeper) {
        this(permits, window, burst, maxWait, 1.0, clock, sleeper);
    }

    public RequestBudget(int permits, Duration window, int burst, Duration maxWait, double anonymousShare, Clock clock,
                         Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.capacity = Math.min(burst, permits);
        this.permitsPerNano = (double) permits / window.toNanos();
        this.maxWait = maxWait;
        this.tokens = capacity;
        this.lastRefill = clock.instant();
        this.anonymousCapacity = Math.max(1, Math.floor(capacity * anonymousShare));
        this.anonymousPermitsPerNano = permitsPerNano * anonymousShare;
        this.anonymousTokens = anonymousCapacity;
    }

    /** A call for the product's own work or a signed-in user: see {@link #acquire(boolean)}. */
    public void acquire() {
        acquire(false);
    }

    /**
     * Waits for a permit (at most the max wait); {@link CloudflareException.RateLimited} if none comes in
     * time. An anonymous call must also find a permit of the anonymous share, and does not wait for one.
     */
    public void acquire(boolean anonymous) {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            // A short pause (a routine throttle) is waited out; a long one (the account blocked for
            // minutes) fails at once with the time left.
            Duration untilResumed = now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
            if (untilResumed.compareTo(maxWait) > 0) {
                throw new CloudflareException.RateLimited("Cloudflare asked us to pause", untilResumed);
            }
            refill(now);
            if (anonymous && anonymousTokens < 1) {
                throw new CloudflareException.RateLimited("the anonymous share of the Cloudflare request budget is spent",
                        Duration.ofNanos((long) Math.ceil((1 - anonymousTokens) / anonymousPermitsPerNano)));
            }
            Duration untilSpaced = lastCall.equals(Instant.MIN) ? Duration.ZERO
                    : Duration.between(now, lastCall.plus(spacing));
            Duration untilToken = tokens >= 1 ? Duration.ZERO
                    : Duration.ofNanos((long) Math.ceil((1 - tokens) / permitsPerNano));
            wait = untilSpaced.compareTo(untilToken) > 0 ? untilSpaced : untilToken;
            if (untilResumed.compareTo(wait) > 0) {
                wait = untilResumed;
            }
            if (wait.compareTo(maxWait) > 0) {
                throw new CloudflareException.RateLimited("the Cloudflare request budget is spent", wait);
            }
            tokens -= 1;
            if (anonymous) {
                anonymousTokens -= 1;
            }
            lastCall = now.plus(wait.isNegative() ? Duration.ZERO : wait);
        }
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudflareException.Unavailable("interrupted while waiting for the request budget", e);
            }
        }
    }

    /** After a 429: no call leaves until {@code retryAfter} has passed; calls wait for a short pause. */
    public synchronized void pause(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /** Cloudflare's count of what is left until {@code reset}: when low, spread the rest over the window. */
    public synchronized void observeRemaining(long remaining, Duration reset) {
        if (remaining <= 0) {
            pause(reset.isZero() ? Duration.ofSeconds(1) : reset);
            return;
        }
        spacing = remaining < LOW_WATER ? reset.dividedBy(remaining) : Duration.ZERO;
    }

    public synchronized Duration pausedFor() {
        Instant now = clock.instant();
        return now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
    }

    private void refill(Instant now) {
        long elapsed = Duration.between(lastRefill, now).toNanos();
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * permitsPerNano);
            anonymousTokens = Math.min(anonymousCapacity, anonymousTokens + elapsed * anonymousPermitsPerNano);
            lastRefill = now;
        }
    }
}
