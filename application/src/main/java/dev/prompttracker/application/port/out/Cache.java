package dev.prompttracker.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * A key/value cache with expiry for read-mostly lookups. Entries may vanish early (eviction, or an
 * eventually consistent store), so a miss must always be answerable from the source of truth.
 */
public interface Cache {

    Optional<String> get(String key);

    void put(String key, String value, Duration ttl);

    void invalidate(String key);
}
