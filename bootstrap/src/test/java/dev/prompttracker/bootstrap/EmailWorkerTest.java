package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmailWorkerTest {

    @Test
    void emptyPollsBackOffToTheMaximumAndWorkResetsThePause() {
        EmailWorker.IdleBackoff backoff = new EmailWorker.IdleBackoff(Duration.ofMillis(250), Duration.ofSeconds(5));
        List<Long> pauses = new ArrayList<>();
        for (int poll = 0; poll < 7; poll++) {
            pauses.add(backoff.afterPoll(0).toMillis());
        }
        assertThat(pauses).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L);
        assertThat(backoff.afterPoll(3)).isZero();
        assertThat(backoff.afterPoll(0)).isEqualTo(Duration.ofMillis(250));
    }
}
