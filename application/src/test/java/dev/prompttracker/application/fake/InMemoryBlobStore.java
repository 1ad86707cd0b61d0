package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.domain.content.BlobKey;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryBlobStore implements BlobStore {
    private final Map<BlobKey, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public void put(BlobKey key, byte[] content) {
        blobs.put(key, content.clone());
    }

    @Override
    public Optional<byte[]> get(BlobKey key) {
        return Optional.ofNullable(blobs.get(key)).map(byte[]::clone);
    }

    @Override
    public void delete(BlobKey key) {
        blobs.remove(key);
    }

    /** Every key stored, for tests that check nothing is left behind. */
    public Set<BlobKey> keys() {
        return Set.copyOf(blobs.keySet());
    }
}
