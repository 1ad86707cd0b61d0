package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.contract.RateLimiterContract;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketRateLimiterTest implements RateLimiterContract {
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(clock, 1_000);

    @Override
    public RateLimiter limiter() {
        return limiter;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheBucketHolds() throws Exception {
        RateLimiter.Limit limit = new RateLimiter.Limit(50, Duration.ofHours(1));
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(() -> limiter.tryAcquire("shared", limit).isEmpty());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            long allowed = 0;
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                allowed += result.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(50);
        }
    }

    @Test
    void aFloodOfDistinctKeysDoesNotGrowWithoutBound() {
        RateLimiter.Limit limit = new RateLimiter.Limit(5, Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("ip-" + i, limit);
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void aFloodOfDistinctKeysDoesNotResetAnActiveLockout() {
        TokenBucketRateLimiter small = new TokenBucketRateLimiter(clock, 100);
        RateLimiter.Limit strict = new RateLimiter.Limit(3, Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            assertThat(small.tryAcquire("login:account:victim", strict)).isEmpty();
        }
        assertThat(small.tryAcquire("login:account:victim", strict)).isPresent();
        RateLimiter.Limit generous = new RateLimiter.Limit(5, Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            small.tryAcquire("login:account:flood-" + i, generous);
            small.tryAcquire("login:account:flood-" + i, generous);
        }
        assertThat(small.tryAcquire("login:account:victim", strict)).isPresent();
        assertThat(small.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void whenEveryBucketIsRefusingANewKeyIsRefusedAndNoLockoutIsLost() {
        TokenBucketRateLimiter small = new TokenBucketRateLimiter(clock, 10);
        RateLimiter.Limit once = new RateLimiter.Limit(1, Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            assertThat(small.tryAcquire("locked-" + i, once)).isEmpty();
        }
        assertThat(small.tryAcquire("newcomer", once)).hasValue(Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            assertThat(small.tryAcquire("locked-" + i, once)).as("locked-" + i).isPresent();
        }
        assertThat(small.size()).isEqualTo(10);
        clock.advance(Duration.ofHours(1));
        assertThat(small.tryAcquire("newcomer", once)).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedBucketThatStillAllowsRequestsGoesFirst() {
        TokenBucketRateLimiter small = new TokenBucketRateLimiter(clock, 2);
        RateLimiter.Limit three = new RateLimiter.Limit(3, Duration.ofHours(1));
        small.tryAcquire("a", three);
        small.tryAcquire("b", three);
        small.tryAcquire("b", three);
        small.tryAcquire("a", three); // a and b have one permit left each; b was used less recently
        assertThat(small.tryAcquire("c", three)).isEmpty();
        assertThat(small.tryAcquire("a", three)).as("a kept its count").isEmpty();
        assertThat(small.tryAcquire("a", three)).as("a kept its count").isPresent();
        for (int i = 0; i < 3; i++) {
            assertThat(small.tryAcquire("b", three)).as("b starts afresh").isEmpty();
        }
    }

    @Test
    void aRefilledBucketGoesBeforeAnOlderOneThatStillCounts() {
        TokenBucketRateLimiter small = new TokenBucketRateLimiter(clock, 2);
        RateLimiter.Limit hourly = new RateLimiter.Limit(3, Duration.ofHours(1));
        small.tryAcquire("counting", hourly);
        clock.advance(Duration.ofSeconds(1));
        small.tryAcquire("refills-fast", new RateLimiter.Limit(1, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(10));
        assertThat(small.tryAcquire("newcomer", hourly)).isEmpty();
        assertThat(small.tryAcquire("counting", hourly)).isEmpty();
        assertThat(small.tryAcquire("counting", hourly)).isEmpty();
        assertThat(small.tryAcquire("counting", hourly)).as("its first request still counts").isPresent();
    }

    @Test
    void concurrentFloodersNeverLiftALockout() throws Exception {
        TokenBucketRateLimiter small = new TokenBucketRateLimiter(clock, 200);
        RateLimiter.Limit strict = new RateLimiter.Limit(5, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            small.tryAcquire("victim", strict);
        }
        RateLimiter.Limit generous = new RateLimiter.Limit(5, Duration.ofMinutes(1));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            calls.add(() -> {
                for (int i = 0; i < 5_000; i++) {
                    small.tryAcquire("flood-" + thread + "-" + i, generous);
                    small.tryAcquire("flood-" + thread + "-" + i, generous);
                }
                return 0;
            });
            calls.add(() -> {
                int allowed = 0;
                for (int i = 0; i < 2_000; i++) {
                    allowed += small.tryAcquire("victim", strict).isEmpty() ? 1 : 0;
                }
                return allowed;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            int victimAllowed = 0;
            for (Future<Integer> result : pool.invokeAll(calls)) {
                victimAllowed += result.get();
            }
            assertThat(victimAllowed).isZero();
        }
        assertThat(small.size()).isLessThanOrEqualTo(200);
    }
}
