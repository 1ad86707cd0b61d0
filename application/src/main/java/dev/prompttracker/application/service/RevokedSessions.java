package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.SyncRevokedSessionsUseCase;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.domain.session.SessionId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process list of revoked sessions that access-token checks consult instead of a store read.
 * A session stays listed until every access token issued under it has expired. Revocations made on
 * this instance apply at once; those made elsewhere arrive with the next {@link #syncRevokedSessions()},
 * which reads the store's revocation log by its sequence (assigned in commit order), so no instance's
 * clock decides what is seen. Entries read from the log are kept for the full memory from the moment
 * they are read here.
 */
final class RevokedSessions implements SyncRevokedSessionsUseCase {
    /** Most log entries read per store call while catching up. */
    static final int SYNC_PAGE = 1_000;

    private final SessionRepository sessions;
    private final Clock clock;
    private final Duration memory;
    private final Map<SessionId, Instant> forgetAfter = new ConcurrentHashMap<>();
    /** The sequence of the last log entry read; negative until the first sync. */
    private volatile long syncedSequence = -1;

    RevokedSessions(SessionRepository sessions, Clock clock, Duration memory) {
        this.sessions = sessions;
        this.clock = clock;
        this.memory = memory;
    }

    void add(SessionId id, Instant revokedAt) {
        forgetAfter.merge(id, revokedAt.plus(memory), (a, b) -> a.isAfter(b) ? a : b);
    }

    boolean contains(SessionId id) {
        Instant until = forgetAfter.get(id);
        return until != null && clock.instant().isBefore(until);
    }

    @Override
    public synchronized void syncRevokedSessions() {
        Instant now = clock.instant();
        if (syncedSequence < 0) {
            // The first read only has times to go by: look back twice the memory, so that another
            // instance's clock running behind ours by up to a memory's length still counts.
            remember(sessions.revokedSince(now.minus(memory.multipliedBy(2))), now);
            syncedSequence = Math.max(syncedSequence, 0);
        }
        List<SessionRepository.RevokedSession> page;
        do {
            page = sessions.revokedAfter(syncedSequence, SYNC_PAGE);
            remember(page, now);
        } while (page.size() == SYNC_PAGE);
        forgetAfter.values().removeIf(until -> !now.isBefore(until));
    }

    private void remember(List<SessionRepository.RevokedSession> revocations, Instant now) {
        for (SessionRepository.RevokedSession revoked : revocations) {
            add(revoked.id(), now);
            syncedSequence = Math.max(syncedSequence, revoked.sequence());
        }
    }

    int size() {
        return forgetAfter.size();
    }
}
