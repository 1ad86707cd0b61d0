package dev.prompttracker.cloudflare;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Anonymous calls spend at most their share of the budget; the rest stays with everyone else. */
class RequestBudgetTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    /** 300 calls per 5 minutes (1 per second), bursts of 20, half of it for anonymous requests. */
    private final RequestBudget budget = new RequestBudget(300, Duration.ofMinutes(5), 20, Duration.ofSeconds(2), 0.5,
            clock, clock.sleeper());

    @Test
    void anonymousCallsAreRefusedAtOnceWhenTheirShareIsSpentAndOthersGoOn() {
        for (int i = 0; i < 10; i++) {
            budget.acquire(true);
        }
        Instant spent = clock.instant();
        assertThatThrownBy(() -> budget.acquire(true)).isInstanceOfSatisfying(CloudflareException.RateLimited.class,
                refused -> assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2)));
        assertThat(clock.instant()).as("refused without waiting").isEqualTo(spent);

        for (int i = 0; i < 10; i++) {
            budget.acquire(false);
        }
        assertThat(clock.instant()).as("the reserved half was there at once").isEqualTo(spent);
    }

    @Test
    void aSteadyAnonymousFloodGetsAtMostHalfTheRateAndEveryOtherCallIsServed() {
        Instant start = clock.instant();
        int anonymous = 0;
        int others = 0;
        for (int second = 0; second < 120; second++) {
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    budget.acquire(true);
                    anonymous++;
                } catch (CloudflareException.RateLimited refused) {
                    break;
                }
            }
            budget.acquire(false);
            others++;
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(others).isEqualTo(120);
        long elapsedSeconds = Duration.between(start, clock.instant()).toSeconds();
        assertThat(anonymous).as("half a call per second over %d s, and half the burst", elapsedSeconds)
                .isLessThanOrEqualTo((int) (elapsedSeconds / 2) + 10)
                .isGreaterThanOrEqualTo((int) (elapsedSeconds / 2) - 10);
    }

    @Test
    void aShortPauseIsWaitedOutAndALongOneRefusedAtOnce() {
        budget.pause(Duration.ofMillis(1500));
        Instant paused = clock.instant();
        budget.acquire(false);
        assertThat(Duration.between(paused, clock.instant())).isEqualTo(Duration.ofMillis(1500));

        budget.pause(Duration.ofMinutes(5));
        Instant blocked = clock.instant();
        assertThatThrownBy(() -> budget.acquire(false)).isInstanceOfSatisfying(CloudflareException.RateLimited.class,
                refused -> assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(5)));
        assertThat(clock.instant()).as("refused without waiting").isEqualTo(blocked);
    }

    @Test
    void withoutAShareEveryCallCountsAsTheProductsOwn() {
        RequestBudget whole = new RequestBudget(300, Duration.ofMinutes(5), 20, Duration.ofSeconds(2), clock,
                clock.sleeper());
        for (int i = 0; i < 20; i++) {
            whole.acquire(true);
        }
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    }
}
