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
}
