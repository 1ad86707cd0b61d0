package dev.prompttracker.application.service;

import dev.prompttracker.application.PromptCacheSettings;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.prompt.PromptId;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Assembled prompts kept in memory, least recently used first out, within a byte budget. A write
 * invalidates its prompt; a read that started before that write cannot put its (older) result back,
 * because every invalidation advances a stamp the read must still see when it stores.
 */
final class PromptViewCache {
    private static final int STAMPS = 4096;

    private final PromptCacheSettings settings;
    private final Clock clock;
    private final long maxEntryBytes;
    private final LinkedHashMap<PromptId, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final long[] stamps = new long[STAMPS];
    private long bytes;

    private record Entry(PromptView view, long bytes, Instant expires) {
    }

    PromptViewCache(PromptCacheSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.maxEntryBytes = Math.min(settings.maxBytes() / 16, 4L * 1024 * 1024);
    }

    synchronized Optional<PromptView> get(PromptId id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            remove(id);
            return Optional.empty();
        }
        return Optional.of(entry.view());
    }

    /** Taken before reading the stores; {@link #put} stores the result only if no write came between. */
    synchronized long stamp(PromptId id) {
        return stamps[stripe(id)];
    }

    synchronized void put(PromptId id, long stamp, PromptView view) {
        if (!settings.enabled() || stamps[stripe(id)] != stamp) {
            return;
        }
        long size = sizeOf(view);
        if (size > maxEntryBytes) {
            return;
        }
        remove(id);
        entries.put(id, new Entry(view, size, clock.instant().plus(settings.timeToLive())));
        bytes += size;
        Iterator<Map.Entry<PromptId, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > settings.maxBytes() && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized void invalidate(PromptId id) {
        stamps[stripe(id)]++;
        remove(id);
    }

    private void remove(PromptId id) {
        Entry removed = entries.remove(id);
        if (removed != null) {
            bytes -= removed.bytes();
        }
    }

    private static int stripe(PromptId id) {
        return Math.floorMod(id.hashCode(), STAMPS);
    }

    /** Roughly what the entry holds in memory: its texts, plus a fixed allowance per object. */
    private static long sizeOf(PromptView view) {
        long size = 512 + textSize(view.content());
        for (ResponseView response : view.responses()) {
            size += 256 + textSize(response.content());
        }
        return size;
    }

    private static long textSize(Content content) {
        return content == null ? 0 : 2L * content.value().length();
    }
}
