package dev.prompttracker.bootstrap;

import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.cloudflare.ServiceBreakers;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Unavailable;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The object store (R2) behind a circuit breaker, as D1, KV and Queues are inside the Cloudflare
 * client: when it keeps failing, requests needing a body fail fast with 503 for a few seconds.
 */
final class GuardedBlobStore implements BlobStore {
    private static final String SERVICE = "R2";

    private final BlobStore store;
    private final ServiceBreakers breakers;

    GuardedBlobStore(BlobStore store, ServiceBreakers breakers) {
        this.store = store;
        this.breakers = breakers;
    }

    @Override
    public void put(BlobKey key, byte[] content) {
        guarded(() -> {
            store.put(key, content);
            return null;
        });
    }

    @Override
    public Optional<byte[]> get(BlobKey key) {
        return guarded(() -> store.get(key));
    }

    @Override
    public Map<BlobKey, byte[]> getAll(Collection<BlobKey> keys) {
        return guarded(() -> store.getAll(keys));
    }

    @Override
    public void delete(BlobKey key) {
        guarded(() -> {
            store.delete(key);
            return null;
        });
    }

    boolean isPaused() {
        return breakers.isOpen(SERVICE);
    }

    private <T> T guarded(Supplier<T> call) {
        return breakers.guard(SERVICE, call, failure -> failure instanceof Unavailable,
                paused -> new Unavailable("the object store (" + paused + ")", null));
    }
}
