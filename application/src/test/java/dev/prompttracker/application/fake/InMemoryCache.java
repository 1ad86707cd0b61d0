package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.Cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryCache implements Cache {
    private record Entry(String value, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final Clock clock;

    public InMemoryCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    @Override
    public synchronized void put(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, clock.instant().plus(ttl)));
    }

    @Override
    public synchronized void invalidate(String key) {
        entries.remove(key);
    }
}
