package dev.prompttracker.application.service;

import dev.prompttracker.application.CacheSettings;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.in.Cached;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a write read back in its own transaction is kept only when no other write to its group came meanwhile. */
class ReadModelTest {
    private static final String GROUP = "prompt-1";
    private static final String KEY = "view of prompt-1";
    private final ReadModel memory = new ReadModel(CacheSettings.promptDefaults(),
            MutableClock.startingAt("2026-12-03T10:00:00Z"));

    private Optional<String> held() {
        return memory.<String>get(KEY).map(Cached::value);
    }

    private ReadModel.Tracked<String> trackedWrite(Runnable meanwhile) {
        return memory.writeTracked(() -> {
            meanwhile.run();
            return "after the write";
        }, List.of("owner", GROUP), List.of(KEY), GROUP);
    }

    private void otherWrite() {
        memory.write(() -> null, List.of(GROUP), List.of());
    }

    @Test
    void aWriteAloneKeepsWhatItReadBack() {
        ReadModel.Tracked<String> written = trackedWrite(() -> { });
        assertThat(written.stamp()).isPresent();
        memory.keep(KEY, GROUP, written.stamp().getAsLong(), written.result(), String::length);
        assertThat(held()).contains("after the write");
    }

    @Test
    void anotherWriteWhileItRanMeansItsReadBackMayBeOld() {
        ReadModel.Tracked<String> written = trackedWrite(this::otherWrite);
        assertThat(written.result()).isEqualTo("after the write");
        assertThat(written.stamp()).isEmpty();
    }

    @Test
    void anotherWriteBeforeItIsKeptWins() {
        ReadModel.Tracked<String> written = trackedWrite(() -> { });
        otherWrite();
        memory.keep(KEY, GROUP, written.stamp().getAsLong(), written.result(), String::length);
        assertThat(held()).isEmpty();
    }

    @Test
    void aFailedWriteStillMakesItsGroupStale() {
        memory.get(KEY, GROUP, () -> "before", String::length);
        assertThat(held()).contains("before");
        assertThatThrownBy(() -> memory.writeTracked(() -> {
            throw new IllegalStateException("the store failed");
        }, List.of(GROUP), List.of(KEY), GROUP)).hasMessage("the store failed");
        assertThat(held()).isEmpty();
        assertThat(memory.get(KEY, GROUP, () -> "read again", String::length)).isEqualTo("read again");
        assertThat(held()).contains("read again");
    }
}
