package dev.prompttracker.bootstrap;

import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.cloudflare.ServiceBreakers;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Unavailable;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedBlobStoreTest {
    private final AtomicInteger reached = new AtomicInteger();
    private volatile boolean down = true;

    /** An object store that is down until told otherwise. */
    private final BlobStore store = new BlobStore() {
        @Override
        public void put(BlobKey key, byte[] content) {
            answer();
        }

        @Override
        public Optional<byte[]> get(BlobKey key) {
            answer();
            return Optional.empty();
        }

        @Override
        public void delete(BlobKey key) {
            answer();
        }

        private void answer() {
            reached.incrementAndGet();
            if (down) {
                throw new Unavailable("cannot read blob from the object store", null);
            }
        }
    };

    @Test
    void anObjectStoreThatKeepsFailingIsNotCalledForAWhile() {
        GuardedBlobStore guarded = new GuardedBlobStore(store, new ServiceBreakers(
                Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC)));
        BlobKey key = BlobKey.newPromptKey(Instant.parse("2026-12-03T00:00:00Z"));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guarded.get(key)).isInstanceOf(Unavailable.class)
                    .hasMessageContaining("cannot read blob");
        }
        assertThat(guarded.isPaused()).isTrue();
        down = false;
        assertThatThrownBy(() -> guarded.put(key, new byte[] {1})).isInstanceOf(Unavailable.class)
                .hasMessageContaining("R2 has been failing");
        assertThat(reached).as("not called while paused").hasValue(10);
    }

    @Test
    void aHealthyObjectStoreIsCalledThrough() {
        down = false;
        GuardedBlobStore guarded = new GuardedBlobStore(store, new ServiceBreakers(Clock.systemUTC()));
        BlobKey key = BlobKey.newPromptKey(Instant.parse("2026-12-03T00:00:00Z"));
        guarded.put(key, new byte[] {1});
        assertThat(guarded.get(key)).isEmpty();
        guarded.delete(key);
        assertThat(reached).hasValue(3);
        assertThat(guarded.isPaused()).isFalse();
    }
}
