package dev.prompttracker.adapter.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prompttracker.application.contract.CacheContract;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.Cache;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import dev.prompttracker.domain.error.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workers KV through its REST API (the stand-in) passes the cache contract and keeps KV's rules. */
class WorkersKvCacheTest implements CacheContract {
    private static final String NAMESPACE = "kv-namespace";
    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private CloudflareStandIn standIn;
    private WorkersKvCache kv;

    @Override
    public Cache cache() {
        if (kv == null) {
            standIn = CloudflareStandIn.start("acc", "tok", clock, folder);
            standIn.kv().create(NAMESPACE);
            kv = new WorkersKvCache(standIn.client(clock), NAMESPACE);
        }
        return kv;
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
    void ttlsUnderAMinuteAreRoundedUpToKvsMinimum() {
        cache().put("short", "v", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache().get("short")).contains("v");
        clock.advance(Duration.ofSeconds(31));
        assertThat(cache().get("short")).isEmpty();
        assertThat(WorkersKvCache.ttlSeconds(Duration.ofMillis(1))).isEqualTo(60);
        assertThat(WorkersKvCache.ttlSeconds(Duration.ofSeconds(90))).isEqualTo(90);
    }

    @Test
    void keysWithAnyCharactersRoundTrip() {
        String key = "subscriber:zoë+tag/with spaces?&=@example.com";
        cache().put(key, "{\"json\":true}", Duration.ofMinutes(5));
        assertThat(cache().get(key)).contains("{\"json\":true}");
        assertThatThrownBy(() -> cache().put("k".repeat(513), "v", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storesMetadataWithAValue() throws Exception {
        cache();
        kv.put("with-meta", "value", Duration.ofMinutes(5), Optional.of(new ObjectMapper().readTree("{\"v\":2}")));
        assertThat(kv.get("with-meta")).contains("value");
        assertThat(kv.metadata("with-meta")).hasValueSatisfying(m -> assertThat(m.path("v").asInt()).isEqualTo(2));
        assertThat(kv.metadata("absent")).isEmpty();
    }

    @Test
    void writesInBulkAndListsKeysAcrossCursorPages() {
        cache();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < 2_500; i++) {
            values.put(String.format("bulk:%05d", i), "v" + i);
        }
        assertThat(kv.putAll(values, Duration.ofMinutes(10))).isEmpty();
        List<String> keys = kv.keys("bulk:");
        assertThat(keys).hasSize(2_500).doesNotHaveDuplicates();
        assertThat(kv.get("bulk:02499")).contains("v2499");
        long listCalls = standIn.journal().stream().filter(r -> r.path().endsWith("/keys")).count();
        assertThat(listCalls).isEqualTo(3);
    }

    @Test
    void kvTroubleIsUnavailable() {
        cache().put("k", "v", Duration.ofMinutes(5));
        standIn.faults().next("GET", "/values/", Fault.serverError(503), 3);
        assertThatThrownBy(() -> cache().get("k")).isInstanceOf(Unavailable.class);
        assertThat(cache().get("k")).contains("v");
    }
}
