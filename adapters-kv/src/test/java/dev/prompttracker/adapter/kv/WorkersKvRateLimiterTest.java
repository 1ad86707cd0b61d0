package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.contract.RateLimiterContract;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Coarse quotas shared through Workers KV (the stand-in) by several instances; short limits stay local. */
class WorkersKvRateLimiterTest implements RateLimiterContract {
    private static final String NAMESPACE = "kv-quotas";
    private static final RateLimiter.Limit HOURLY = new RateLimiter.Limit(3, Duration.ofHours(1));
    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private CloudflareStandIn standIn;
    private WorkersKvCache kv;
    private RateLimiter limiter;

    private WorkersKvCache kv() {
        if (kv == null) {
            standIn = CloudflareStandIn.start("acc", "tok", clock, folder);
            standIn.kv().create(NAMESPACE);
            kv = new WorkersKvCache(standIn.client(clock), NAMESPACE);
        }
        return kv;
    }

    /** Another instance of the product: its own in-process buckets, the same KV namespace. */
    private RateLimiter instance() {
        return new WorkersKvRateLimiter(new TokenBucketRateLimiter(clock, 1_000), kv(), clock,
                WorkersKvRateLimiter.DEFAULT_SHARED_FROM);
    }

    @Override
    public RateLimiter limiter() {
        if (limiter == null) {
            limiter = instance();
        }
        return limiter;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @AfterEach
    void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }

    @Test
    void anHourlyQuotaHoldsAcrossInstances() {
        RateLimiter first = instance();
        RateLimiter second = instance();
        assertThat(first.tryAcquire("register:ip:203.0.113.9", HOURLY)).isEmpty();
        assertThat(first.tryAcquire("register:ip:203.0.113.9", HOURLY)).isEmpty();
        assertThat(second.tryAcquire("register:ip:203.0.113.9", HOURLY)).isEmpty();
        // The second instance's own bucket still has two permits; the shared count says the hour is used up.
        assertThat(second.tryAcquire("register:ip:203.0.113.9", HOURLY))
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofHours(1)));
        assertThat(second.tryAcquire("register:ip:198.51.100.7", HOURLY)).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(second.tryAcquire("register:ip:203.0.113.9", HOURLY)).isEmpty();
    }

    @Test
    void shortLimitsNeverCallKv() {
        kv();
        RateLimiter.Limit perMinute = new RateLimiter.Limit(5, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter().tryAcquire("writes:user:u1", perMinute)).isEmpty();
        }
        assertThat(limiter().tryAcquire("writes:user:u1", perMinute)).isPresent();
        assertThat(standIn.journal()).isEmpty();
    }

    @Test
    void whenKvFailsTheInProcessLimitAloneDecides() {
        kv();
        standIn.faults().next("GET", "/values/", Fault.serverError(503), 3);
        assertThat(limiter().tryAcquire("signup:ip:192.0.2.1", HOURLY)).isEmpty();
        for (int i = 0; i < 2; i++) {
            assertThat(limiter().tryAcquire("signup:ip:192.0.2.1", HOURLY)).isEmpty();
        }
        assertThat(limiter().tryAcquire("signup:ip:192.0.2.1", HOURLY)).as("the local bucket is empty").isPresent();
    }
}
