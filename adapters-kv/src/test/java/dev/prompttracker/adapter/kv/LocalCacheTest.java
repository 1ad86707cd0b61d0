package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.contract.CacheContract;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.Cache;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCacheTest implements CacheContract {
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final LocalCache cache = new LocalCache(clock, 100);

    @Override
    public Cache cache() {
        return cache;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void staysWithinItsSizeBound() {
        for (int i = 0; i < 1_000; i++) {
            cache.put("key" + i, "v", Duration.ofMinutes(5));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
        assertThat(cache.get("key999")).contains("v");
    }
}
