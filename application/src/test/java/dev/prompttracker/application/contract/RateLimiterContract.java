package dev.prompttracker.application.contract;

import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

public interface RateLimiterContract {

    RateLimiter limiter();

    MutableClock clock();

    @Test
    default void allowsABurstThenSaysHowLongToWait() {
        RateLimiter.Limit limit = new RateLimiter.Limit(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter().tryAcquire("burst", limit)).isEmpty();
        }
        Optional<Duration> wait = limiter().tryAcquire("burst", limit);
        assertThat(wait).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20)));
    }

    @Test
    default void refillsOverTime() {
        RateLimiter.Limit limit = new RateLimiter.Limit(2, Duration.ofSeconds(10));
        limiter().tryAcquire("refill", limit);
        limiter().tryAcquire("refill", limit);
        assertThat(limiter().tryAcquire("refill", limit)).isPresent();
        clock().advance(Duration.ofSeconds(5));
        assertThat(limiter().tryAcquire("refill", limit)).isEmpty();
        assertThat(limiter().tryAcquire("refill", limit)).isPresent();
    }

    @Test
    default void keysAreIndependent() {
        RateLimiter.Limit limit = new RateLimiter.Limit(1, Duration.ofHours(1));
        assertThat(limiter().tryAcquire("alice", limit)).isEmpty();
        assertThat(limiter().tryAcquire("alice", limit)).isPresent();
        assertThat(limiter().tryAcquire("bob", limit)).isEmpty();
    }
}
