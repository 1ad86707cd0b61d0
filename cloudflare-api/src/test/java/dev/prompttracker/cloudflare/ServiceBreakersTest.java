package dev.prompttracker.cloudflare;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceBreakersTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T00:00:00Z"));
    private final ServiceBreakers breakers = new ServiceBreakers(clock);
    private final AtomicInteger reached = new AtomicInteger();

    private String call(String service, Supplier<String> outcome) {
        return breakers.guard(service, () -> {
            reached.incrementAndGet();
            return outcome.get();
        }, failure -> failure instanceof IllegalStateException, IllegalArgumentException::new);
    }

    private void failing(String service) {
        assertThatThrownBy(() -> call(service, () -> {
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServiceFailingHalfItsCallsIsPausedThenTriedAgainAndClosedWhenBack() {
        for (int i = 0; i < ServiceBreakers.MINIMUM_CALLS; i++) {
            failing("d1");
        }
        assertThat(breakers.isOpen("d1")).isTrue();
        reached.set(0);
        assertThatThrownBy(() -> call("d1", () -> "ok")).as("refused at once while open")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d1 has been failing");
        assertThat(reached).as("the service is not called").hasValue(0);
        assertThat(call("kv", () -> "ok")).as("another service is not affected").isEqualTo("ok");

        clock.advance(ServiceBreakers.OPEN_FOR.plusMillis(1));
        for (int i = 0; i < ServiceBreakers.TRIAL_CALLS; i++) {
            assertThat(call("d1", () -> "ok")).as("trial calls go through").isEqualTo("ok");
        }
        assertThat(breakers.isOpen("d1")).as("closed again by the trials").isFalse();
        assertThat(call("d1", () -> "ok")).isEqualTo("ok");
    }

    @Test
    void aFailedTrialOpensItAgain() {
        for (int i = 0; i < ServiceBreakers.MINIMUM_CALLS; i++) {
            failing("queues");
        }
        clock.advance(ServiceBreakers.OPEN_FOR.plusMillis(1));
        for (int i = 0; i < ServiceBreakers.TRIAL_CALLS; i++) {
            failing("queues");
        }
        assertThat(breakers.isOpen("queues")).isTrue();
    }

    @Test
    void onlyOutagesCountAgainstAService() {
        for (int i = 0; i < 3 * ServiceBreakers.WINDOW; i++) {
            assertThatThrownBy(() -> call("kv", () -> {
                throw new UnsupportedOperationException("a refused request: the service is alive");
            })).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(breakers.isOpen("kv")).isFalse();
        for (int i = 0; i < ServiceBreakers.WINDOW; i++) {
            if (i % 10 == 0) {
                failing("kv");
            } else {
                call("kv", () -> "ok");
            }
        }
        assertThat(breakers.isOpen("kv")).as("one call in ten failing is ridden out, not a pause").isFalse();
    }
}
