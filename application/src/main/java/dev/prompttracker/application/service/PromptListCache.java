package dev.prompttracker.application.service;

import dev.prompttracker.application.PromptCacheSettings;
import dev.prompttracker.application.port.out.PromptRepository.PromptFilter;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptSummary;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pages of prompt lists kept in memory, least recently used first out, within a byte budget. Every
 * write to an owner's prompts (or their responses) makes all of that owner's pages, and every public
 * page, stale at once: an entry remembers the stamp it was read under and is served only while that
 * stamp is current, and a read that started before a write cannot store its older page.
 */
final class PromptListCache {
    private static final int STAMPS = 4096;
    private static final int MAX_ENTRIES = 4096;

    /** Whose list ({@code null} for the public list), narrowed how, which page. */
    record Key(UserId owner, PromptFilter filter, PageRequest page) {
    }

    private record Entry(Page<PromptSummary> page, long stamp, long bytes, Instant expires) {
    }

    private final PromptCacheSettings settings;
    private final Clock clock;
    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final long[] ownerStamps = new long[STAMPS];
    private long publicStamp;
    private long bytes;

    PromptListCache(PromptCacheSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        // Lists share the prompt cache's budget: a quarter for pages, the rest for assembled prompts.
        this.maxBytes = settings.maxBytes() / 4;
    }

    synchronized Optional<Page<PromptSummary>> get(Key key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.stamp() != currentStamp(key) || !clock.instant().isBefore(entry.expires())) {
            remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.page());
    }

    /** Taken before reading the store; {@link #put} keeps the page only if no write came between. */
    synchronized long stamp(Key key) {
        return currentStamp(key);
    }

    synchronized void put(Key key, long stamp, Page<PromptSummary> page) {
        if (!settings.enabled() || currentStamp(key) != stamp) {
            return;
        }
        long size = sizeOf(page);
        if (size > maxBytes / 16) {
            return;
        }
        remove(key);
        entries.put(key, new Entry(page, stamp, size, clock.instant().plus(settings.timeToLive())));
        bytes += size;
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while ((bytes > maxBytes || entries.size() > MAX_ENTRIES) && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    /** After any write to {@code owner}'s prompts or their responses. */
    synchronized void invalidate(UserId owner) {
        ownerStamps[stripe(owner)]++;
        publicStamp++;
    }

    private long currentStamp(Key key) {
        return key.owner() == null ? publicStamp : ownerStamps[stripe(key.owner())];
    }

    private void remove(Key key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            bytes -= removed.bytes();
        }
    }

    private static int stripe(UserId owner) {
        return Math.floorMod(owner.hashCode(), STAMPS);
    }

    /** Roughly what the page holds in memory: its texts, plus a fixed allowance per object. */
    private static long sizeOf(Page<PromptSummary> page) {
        long size = 256;
        for (PromptSummary summary : page.items()) {
            Prompt prompt = summary.prompt();
            size += 512 + 2L * prompt.contentPreview().value().length() + 64L * prompt.tags().values().size()
                    + prompt.title().map(title -> 2L * title.value().length()).orElse(0L);
        }
        return size;
    }
}
