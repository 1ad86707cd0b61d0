package dev.prompttracker.adapter.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prompttracker.application.contract.CacheContract;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.Cache;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Workers KV as the Workers runtime runs it (workerd, through the gateway Worker's KV binding) passes
 * the cache contract and keeps KV's rules. Skipped where Node.js 22+ cannot be had.
 */
class WorkersKvWorkerdTest implements CacheContract {
    private final MutableClock clock = new MutableClock(Instant.now());
    private final AtomicInteger listCalls = new AtomicInteger();
    private WorkersKvCache kv;

    @BeforeEach
    void connect() {
        WorkerdGateway gateway = WorkerdGateway.shared();
        gateway.resetKv();
        kv = new WorkersKvCache(gateway.client((service, operation, status) -> {
            if ("keys".equals(operation)) {
                listCalls.incrementAndGet();
            }
        }), WorkerdGateway.KV);
    }

    @Override
    public Cache cache() {
        return kv;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    /** workerd's KV expires entries by the real clock, at least a minute out: the stand-in and live KV check expiry. */
    @Override
    public void elapse(Duration duration) {
        Assumptions.abort("workerd's KV expires by the real clock (TTLs of a minute or more); "
                + "expiry is checked on the stand-in (WorkersKvCacheTest) and on live KV");
    }

    @Test
    void keysWithAnyCharactersRoundTrip() {
        String key = "subscriber:zoë+tag/with spaces?&=@example.com";
        kv.put(key, "{\"json\":true}", Duration.ofMinutes(5));
        assertThat(kv.get(key)).contains("{\"json\":true}");
        assertThat(kv.keys("subscriber:")).containsExactly(key);
        assertThatThrownBy(() -> kv.put("k".repeat(513), "v", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storesMetadataWithAValue() throws Exception {
        kv.put("with-meta", "value", Duration.ofMinutes(5), Optional.of(new ObjectMapper().readTree("{\"v\":2}")));
        assertThat(kv.get("with-meta")).contains("value");
        assertThat(kv.metadata("with-meta")).hasValueSatisfying(m -> assertThat(m.path("v").asInt()).isEqualTo(2));
        assertThat(kv.metadata("absent")).isEmpty();
    }

    @Test
    void writesInBulkAndListsKeysAcrossCursorPages() {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < 2_500; i++) {
            values.put(String.format("bulk:%05d", i), "v" + i);
        }
        assertThat(kv.putAll(values, Duration.ofMinutes(10))).isEmpty();
        List<String> keys = kv.keys("bulk:");
        assertThat(keys).hasSize(2_500).doesNotHaveDuplicates();
        assertThat(kv.get("bulk:02499")).contains("v2499");
        assertThat(listCalls.get()).isEqualTo(3);
    }

    @Test
    void shortTtlsAreRoundedUpToKvsMinimumWhichTheBindingEnforces() {
        kv.put("short", "v", Duration.ofSeconds(5));
        assertThat(kv.get("short")).contains("v");
    }
}
