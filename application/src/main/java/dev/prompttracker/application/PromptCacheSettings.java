package dev.prompttracker.application;

import java.time.Duration;
import java.util.Objects;

/**
 * The in-process cache of assembled prompts (a prompt, its responses and their bodies): how long an
 * entry may be served and how much memory the cache may hold. Every write through this instance
 * invalidates the prompt at once; the time to live bounds how long a write made through another
 * instance can go unseen here. A zero time to live turns the cache off.
 */
public record PromptCacheSettings(Duration timeToLive, long maxBytes) {
    public PromptCacheSettings {
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (timeToLive.isNegative() || maxBytes < 0) {
            throw new IllegalArgumentException("the cache needs a non-negative time to live and size");
        }
    }

    public static PromptCacheSettings defaults() {
        return new PromptCacheSettings(Duration.ofSeconds(5), 16L * 1024 * 1024);
    }

    public static PromptCacheSettings disabled() {
        return new PromptCacheSettings(Duration.ZERO, 0);
    }

    public boolean enabled() {
        return !timeToLive.isZero() && maxBytes > 0;
    }
}
