package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.content.BlobKey;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Bodies of prompts and responses, by key. Writes replace whole objects; a reader never sees half of one. */
public interface BlobStore {

    void put(BlobKey key, byte[] content);

    Optional<byte[]> get(BlobKey key);

    /** Reads several bodies; missing keys are left out. Stores that can fetch in parallel override this. */
    default Map<BlobKey, byte[]> getAll(Collection<BlobKey> keys) {
        Map<BlobKey, byte[]> found = new LinkedHashMap<>();
        for (BlobKey key : keys) {
            get(key).ifPresent(bytes -> found.put(key, bytes));
        }
        return found;
    }

    /** Removes the body; removing an absent key is not an error. */
    void delete(BlobKey key);
}
