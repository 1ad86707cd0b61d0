package dev.prompttracker.application.service;

import dev.prompttracker.application.PromptCacheSettings;
import dev.prompttracker.application.port.in.Cached;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.out.PromptRepository.PromptFilter;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What readers of prompts get from memory: assembled prompts (a prompt, its responses and their
 * bodies) and pages of lists, with what the edge printed of them, in one budget of bytes, least
 * recently used first out. One write hook, {@link #write}, keeps it true: a write to an owner's prompt
 * makes that prompt, every page of that owner and every public page stale at once, and a read that
 * started before a write can never store its older result (each entry belongs to a group — its prompt,
 * its owner, or the public list — whose stamp the read took first and must still see when it stores).
 * Entries also expire, which bounds how long a write made through another instance goes unseen here.
 */
final class PromptReadModel {
    private static final int STAMPS = 4096;
    /** The group of every public page. */
    private static final Object PUBLIC = new Object() {
        @Override
        public int hashCode() {
            return 0x5eed;
        }
    };

    /** Whose list ({@code null} for the public list), narrowed how, which page. */
    record ListKey(UserId owner, PromptFilter filter, PageRequest page) {
    }

    private record ViewKey(PromptId id) {
    }

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

    private final PromptCacheSettings settings;
    private final Clock clock;
    private final long maxEntryBytes;
    private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final long[] stamps = new long[STAMPS];
    private long bytes;

    PromptReadModel(PromptCacheSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.maxEntryBytes = Math.min(settings.maxBytes() / 16, 4L * 1024 * 1024);
    }

    // ---- assembled prompts

    @SuppressWarnings("unchecked")
    Optional<Cached<PromptView>> view(PromptId id) {
        return Optional.ofNullable((Cached<PromptView>) get(new ViewKey(id)));
    }

    /**
     * The prompt as {@code assemble} reads it from the stores, from memory when it is there; what it
     * reads is kept unless a write to the prompt came in between.
     */
    PromptView view(PromptId id, Supplier<PromptView> assemble) {
        Optional<Cached<PromptView>> known = view(id);
        if (known.isPresent()) {
            return known.get().value();
        }
        long stamp = stamp(id);
        PromptView view = assemble.get();
        put(new ViewKey(id), id, stamp, view, sizeOf(view));
        return view;
    }

    // ---- pages of lists

    @SuppressWarnings("unchecked")
    Optional<Cached<Page<PromptSummary>>> page(ListKey key) {
        return Optional.ofNullable((Cached<Page<PromptSummary>>) get(key));
    }

    Page<PromptSummary> page(ListKey key, Supplier<Page<PromptSummary>> read) {
        Optional<Cached<Page<PromptSummary>>> known = page(key);
        if (known.isPresent()) {
            return known.get().value();
        }
        Object group = groupOf(key);
        long stamp = stamp(group);
        Page<PromptSummary> page = read.get();
        put(key, group, stamp, page, sizeOf(page));
        return page;
    }

    // ---- the one write hook

    /**
     * Runs a write to {@code owner}'s prompt {@code prompt} (or to its responses) and then, whether it
     * succeeded, failed or its outcome is unknown, makes everything it may have changed stale.
     */
    <T> T write(UserId owner, Optional<PromptId> prompt, Supplier<T> write) {
        try {
            return write.get();
        } finally {
            changed(owner, prompt);
        }
    }

    void write(UserId owner, Optional<PromptId> prompt, Runnable write) {
        write(owner, prompt, () -> {
            write.run();
            return null;
        });
    }

    private synchronized void changed(UserId owner, Optional<PromptId> prompt) {
        prompt.ifPresent(id -> {
            stamps[stripe(id)]++;
            remove(new ViewKey(id));
        });
        stamps[stripe(owner)]++;
        stamps[stripe(PUBLIC)]++;
    }

    // ---- the store

    private synchronized Cached<?> get(Object key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.stamp != stamps[stripe(entry.group)] || !clock.instant().isBefore(entry.expires)) {
            remove(key);
            return null;
        }
        return entry.cached;
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

    private static Object groupOf(ListKey key) {
        return key.owner() == null ? PUBLIC : key.owner();
    }

    private static int stripe(Object group) {
        return Math.floorMod(group.hashCode(), STAMPS);
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
