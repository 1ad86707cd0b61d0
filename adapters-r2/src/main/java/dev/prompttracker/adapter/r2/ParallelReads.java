package dev.prompttracker.adapter.r2;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Unavailable;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Several bodies read at once, one remote read each: a prompt with many responses costs one round trip, not one per body. */
final class ParallelReads {
    private ParallelReads() {
    }

    /** The bodies found, in the keys' order; missing keys are left out; the first failure is rethrown. */
    static Map<BlobKey, byte[]> getAll(ExecutorService readers, Collection<BlobKey> keys,
                                       Function<BlobKey, Optional<byte[]>> get) {
        Map<BlobKey, Future<Optional<byte[]>>> pending = new LinkedHashMap<>();
        for (BlobKey key : keys) {
            pending.put(key, readers.submit(() -> get.apply(key)));
        }
        Map<BlobKey, byte[]> found = new LinkedHashMap<>();
        try {
            for (Map.Entry<BlobKey, Future<Optional<byte[]>>> entry : pending.entrySet()) {
                entry.getValue().get().ifPresent(bytes -> found.put(entry.getKey(), bytes));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while reading blobs", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new Unavailable("cannot read blobs", e.getCause());
        }
        return found;
    }
}
