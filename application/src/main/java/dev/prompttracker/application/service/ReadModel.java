package dev.prompttracker.application.service;

import dev.prompttracker.application.CacheSettings;
import dev.prompttracker.application.port.in.Cached;
import dev.prompttracker.domain.error.Unavailable;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The memory every read model of the core keeps: what the stores answered, in one budget of bytes,
 * least recently used first out, each entry for a time to live (which bounds how long a write made
 * through another instance goes unseen here). Each entry belongs to a group — what one write can
 * change — and a write moves its groups' stamps: a read stores its result only if its group's stamp
 * is still the one it took before reading, so a read that raced a write never stores its older result.
 * What callers derive from an entry (a printed form) is counted in the budget and goes with it.
 * When a read finds the store down, an entry past its time to live but within the settings'
 * stale-if-error is answered instead, unless a write made its group stale.
 */
final class ReadModel {
    private static final System.Logger LOG = System.getLogger(ReadModel.class.getName());
    private static final int STAMPS = 4096;

    private final class Entry {
        final Object group;
        final long stamp;
        final Instant expires;
        final Cached<?> cached;
        long bytes;
        boolean live = true;

        Entry(Object group, long stamp, long bytes, Instant expires, Object value) {
            this.group = group;
            this.stamp = stamp;
            this.bytes = bytes;
            this.expires = expires;
            this.cached = new Cached<>(value, extra -> admit(this, extra));
        }
    }

    private final CacheSettings settings;
    private final Clock clock;
    private final long maxEntryBytes;
    private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final long[] stamps = new long[STAMPS];
    private long bytes;

    ReadModel(CacheSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.maxEntryBytes = Math.min(settings.maxBytes() / 16, 4L * 1024 * 1024);
    }

    /** What memory holds under {@code key}, while fresh. */
    @SuppressWarnings("unchecked")
    <V> Optional<Cached<V>> get(Object key) {
        return Optional.ofNullable((Cached<V>) lookup(key));
    }

    /** The value under {@code key}: from memory, or from {@code read}, kept unless {@code group} was written meanwhile. */
    <V> V get(Object key, Object group, Supplier<V> read, ToLongFunction<V> sizeOf) {
        Optional<Cached<V>> known = get(key);
        if (known.isPresent()) {
            return known.get().value();
        }
        long stamp = stamp(group);
        V value;
        try {
            value = read.get();
        } catch (Unavailable outage) {
            @SuppressWarnings("unchecked")
            V stale = (V) stale(key);
            if (stale == null) {
                throw outage;
            }
            LOG.log(System.Logger.Level.DEBUG, "store down ({0}): answered from an expired entry", outage.getMessage());
            return stale;
        }
        put(key, group, stamp, value, sizeOf.applyAsLong(value));
        return value;
    }

    /**
     * Runs a write and then, whether it succeeded, failed or its outcome is unknown, makes everything in
     * {@code groups} stale and drops the entries under {@code keys}.
     */
    <T> T write(Supplier<T> write, Iterable<?> groups, Iterable<?> keys) {
        try {
            return write.get();
        } finally {
            changed(groups, keys);
        }
    }

    /** A write's result, and {@code group}'s stamp right after it when no other write moved that stamp meanwhile. */
    record Tracked<T>(T result, OptionalLong stamp) {
    }

    /**
     * Runs a write as {@link #write} does, and tells whether it alone moved {@code group}'s stamp while it
     * ran. If so, anything committed after this write had not yet made the group stale, so what the write
     * read back in its own transaction was the latest when it ended, and may be kept with {@link #keep}.
     */
    <T> Tracked<T> writeTracked(Supplier<T> write, Iterable<?> groups, Iterable<?> keys, Object group) {
        long before = stamp(group);
        long own = 0;
        for (Object written : groups) {
            own += stripe(written) == stripe(group) ? 1 : 0;
        }
        T result;
        try {
            result = write.get();
        } catch (RuntimeException | Error failed) {
            changed(groups, keys);
            throw failed;
        }
        long after = changed(groups, keys, group);
        return new Tracked<>(result, after == before + own ? OptionalLong.of(after) : OptionalLong.empty());
    }

    /** Keeps {@code value} under {@code key} unless a write moved {@code group}'s stamp past {@code stamp}. */
    <V> void keep(Object key, Object group, long stamp, V value, ToLongFunction<V> sizeOf) {
        put(key, group, stamp, value, sizeOf.applyAsLong(value));
    }

    private void changed(Iterable<?> groups, Iterable<?> keys) {
        changed(groups, keys, null);
    }

    /** Moves the stamps of {@code groups}, drops {@code keys}, and gives {@code tracked}'s stamp after (0 for none). */
    private synchronized long changed(Iterable<?> groups, Iterable<?> keys, Object tracked) {
        for (Object group : groups) {
            stamps[stripe(group)]++;
        }
        for (Object key : keys) {
            remove(key);
        }
        return tracked == null ? 0 : stamps[stripe(tracked)];
    }

    private synchronized Cached<?> lookup(Object key) {
        Entry entry = usable(key);
        return entry == null || !clock.instant().isBefore(entry.expires) ? null : entry.cached;
    }

    /** The value under {@code key} even past its time to live, within stale-if-error. */
    private synchronized Object stale(Object key) {
        Entry entry = usable(key);
        return entry == null ? null : entry.cached.value();
    }

    /** The entry under {@code key} unless a write made it stale or it is past stale-if-error too (then dropped). */
    private Entry usable(Object key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.stamp != stamps[stripe(entry.group)]
                || !clock.instant().isBefore(entry.expires.plus(settings.staleIfError()))) {
            remove(key);
            return null;
        }
        return entry;
    }

    private synchronized long stamp(Object group) {
        return stamps[stripe(group)];
    }

    private synchronized void put(Object key, Object group, long stamp, Object value, long size) {
        if (!settings.enabled() || stamps[stripe(group)] != stamp || size > maxEntryBytes) {
            return;
        }
        remove(key);
        entries.put(key, new Entry(group, stamp, size, clock.instant().plus(settings.timeToLive()), value));
        bytes += size;
        evictBeyondBudget();
    }

    /** A printed form of {@code entry}'s value wants {@code extra} bytes: kept only while the entry is. */
    private synchronized boolean admit(Entry entry, long extra) {
        if (!entry.live || entry.bytes + extra > maxEntryBytes) {
            return false;
        }
        entry.bytes += extra;
        bytes += extra;
        evictBeyondBudget();
        return true;
    }

    private void evictBeyondBudget() {
        Iterator<Map.Entry<Object, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > settings.maxBytes() && eldest.hasNext()) {
            Entry evicted = eldest.next().getValue();
            evicted.live = false;
            bytes -= evicted.bytes;
            eldest.remove();
        }
    }

    private void remove(Object key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            removed.live = false;
            bytes -= removed.bytes;
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    private static int stripe(Object group) {
        return Math.floorMod(group.hashCode(), STAMPS);
    }
}
