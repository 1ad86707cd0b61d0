package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.port.out.Cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded cache: an in-process map with expiry and a size bound. When full, expired entries go
 * first, then arbitrary ones: a cache may always forget.
 */
public final class LocalCache implements Cache {
    private record Entry(String value, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;

    public LocalCache(Clock clock, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry");
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            makeRoom();
        }
        entries.put(key, new Entry(value, clock.instant().plus(ttl)));
    }

    @Override
    public void invalidate(String key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }

    private void makeRoom() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        Iterator<String> keys = entries.keySet().iterator();
        int toDrop = Math.max(1, maxEntries / 10);
        while (entries.size() >= maxEntries && keys.hasNext() && toDrop-- > 0) {
            keys.next();
            keys.remove();
        }
    }
}
