package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.contract.CacheContract;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.Cache;
import dev.prompttracker.cloudflare.live.LiveAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;

/**
 * The cache contract on a real Workers KV namespace ({@code LIVE_KV_NAMESPACE_ID}; {@code -Plive},
 * skipped unless set). Time passes for real here, so the TTL case waits three minutes.
 */
@Tag("live")
class WorkersKvLiveIT implements CacheContract {
    private final MutableClock clock = new MutableClock(Instant.now());
    private WorkersKvCache kv;

    /** Connects before the test body, so a skip is not mistaken for an expected failure inside it. */
    @BeforeEach
    void connect() {
        cache();
    }

    @Override
    public Cache cache() {
        if (kv == null) {
            LiveAccount account = LiveAccount.fromEnvironment();
            kv = new WorkersKvCache(account.client(), account.require("LIVE_KV_NAMESPACE_ID"));
        }
        return kv;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public void elapse(Duration duration) {
        LiveAccount.waitFor(duration);
        clock.advance(duration);
    }
}
