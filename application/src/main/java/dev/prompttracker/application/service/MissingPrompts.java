package dev.prompttracker.application.service;

import dev.prompttracker.domain.prompt.PromptId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prompt ids recently found not to exist, so that asking again for a made-up id costs no store read
 * (in Cloudflare mode each one would spend the shared API budget). Ids are random and made by the
 * server, so an id missing now is missing for good unless this instance creates it; the entries still
 * expire, and their number is bounded (the least recently asked go first).
 */
final class MissingPrompts {
    static final Duration REMEMBERED_FOR = Duration.ofSeconds(60);
    static final int MAX_REMEMBERED = 10_000;

    private final Clock clock;
    private final Map<PromptId, Instant> until = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PromptId, Instant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    MissingPrompts(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean isKnownMissing(PromptId id) {
        Instant expiry = until.get(id);
        if (expiry == null) {
            return false;
        }
        if (clock.instant().isBefore(expiry)) {
            return true;
        }
        until.remove(id);
        return false;
    }

    synchronized void remember(PromptId id) {
        until.put(id, clock.instant().plus(REMEMBERED_FOR));
    }

    synchronized void forget(PromptId id) {
        until.remove(id);
    }
}
