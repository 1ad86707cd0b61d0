package dev.prompttracker.application.contract;

import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.Cache;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

public interface CacheContract {

    Cache cache();

    MutableClock clock();

    /** Lets time pass for the store: the clock of an in-process store, real time for a live one. */
    default void elapse(Duration duration) {
        clock().advance(duration);
    }

    @Test
    default void keepsAValueUntilItsTtlRunsOut() {
        cache().put("k", "value ✓", Duration.ofMinutes(2));
        assertThat(cache().get("k")).contains("value ✓");
        elapse(Duration.ofMinutes(3));
        assertThat(cache().get("k")).isEmpty();
    }

    @Test
    default void aPutReplacesAndAnInvalidateRemoves() {
        cache().put("k2", "one", Duration.ofMinutes(5));
        cache().put("k2", "two", Duration.ofMinutes(5));
        assertThat(cache().get("k2")).contains("two");
        cache().invalidate("k2");
        assertThat(cache().get("k2")).isEmpty();
        cache().invalidate("never-there");
    }
}
