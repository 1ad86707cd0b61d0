package dev.prompttracker.domain.error;

import java.time.Duration;
import java.util.Objects;

/** Too many requests; the caller may try again after {@link #retryAfter()}. */
public final class RateLimited extends DomainException {
    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
