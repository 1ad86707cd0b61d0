package dev.prompttracker.application.service;

import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.in.SyncRevokedSessionsUseCase;
import dev.prompttracker.domain.session.SessionId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process list of revoked sessions that access-token checks consult instead of a store read.
 * A session stays listed until every access token issued under it has expired. Revocations made on
 * this instance apply at once; those made elsewhere arrive with the next {@link #syncRevokedSessions()}.
 */
final class RevokedSessions implements SyncRevokedSessionsUseCase {
    /** Re-read a little of the past on every sync so a revocation committed during the last one is not missed. */
    private static final Duration SYNC_OVERLAP = Duration.ofSeconds(5);

    private final SessionRepository sessions;
    private final Clock clock;
    private final Duration memory;
    private final Map<SessionId, Instant> forgetAfter = new ConcurrentHashMap<>();
    private volatile Instant syncedUpTo;

    RevokedSessions(SessionRepository sessions, Clock clock, Duration memory) {
        this.sessions = sessions;
        this.clock = clock;
        this.memory = memory;
        this.syncedUpTo = Instant.MIN;
    }

    void add(SessionId id, Instant revokedAt) {
        forgetAfter.merge(id, revokedAt.plus(memory), (a, b) -> a.isAfter(b) ? a : b);
    }

    boolean contains(SessionId id) {
        Instant until = forgetAfter.get(id);
        return until != null && clock.instant().isBefore(until);
    }

    @Override
    public void syncRevokedSessions() {
        Instant now = clock.instant();
        Instant oldestRelevant = now.minus(memory);
        Instant from = syncedUpTo.isBefore(oldestRelevant) ? oldestRelevant : syncedUpTo.minus(SYNC_OVERLAP);
        for (SessionRepository.RevokedSession revoked : sessions.revokedSince(from)) {
            add(revoked.id(), revoked.revokedAt());
        }
        syncedUpTo = now;
        forgetAfter.values().removeIf(until -> !now.isBefore(until));
    }

    int size() {
        return forgetAfter.size();
    }
}
