package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Login sessions and the hashes of their refresh tokens (current and retired). */
public interface SessionRepository {

    /** The most sessions {@link #listActive} returns, newest first. */
    int MAX_LISTED = 100;

    void create(Session session, TokenHash refreshHash);

    /**
     * Stores a new account with its first session in one unit, one call to the store; {@code Conflict}
     * (as {@link UserRepository#create}) when its username or email is taken, and then stores neither.
     */
    void register(User user, Session session, TokenHash refreshHash);

    Optional<Session> findById(SessionId id);

    /** The session whose current refresh token has this hash. */
    Optional<Session> findByCurrentRefreshHash(TokenHash hash);

    /** The session that once had this refresh token before rotating it away. */
    Optional<SessionId> findByRetiredRefreshHash(TokenHash hash);

    /**
     * A refresh in one unit, one call to the store. When {@code presented} is a session's current refresh
     * hash, the session is neither revoked nor expired at {@code now} and its account accepts it
     * ({@link User#acceptsSessionCreatedAt}), installs {@code next} and retires {@code presented}. When
     * {@code presented} was retired (a reuse, or a rotation that lost a race), revokes its session. When the
     * account no longer accepts a live session, revokes that session. Revocations are logged as by
     * {@link #revoke}.
     */
    Refresh refresh(TokenHash presented, TokenHash next, Instant now);

    /**
     * Marks the session revoked and appends it to the revocation log; true when this call revoked it,
     * false when it already was or is unknown.
     */
    boolean revoke(SessionId id, Instant now);

    /**
     * Revokes every unrevoked session of the user but {@code except} (and logs each revocation), in one
     * atomic unit; returns the sessions this call revoked.
     */
    List<SessionId> revokeAllOf(UserId user, Optional<SessionId> except, Instant now);

    /** The user's sessions that are neither revoked nor expired, newest first, at most {@link #MAX_LISTED}. */
    List<Session> listActive(UserId user, Instant now);

    /**
     * Revocations logged at or after {@code since} by the revoking instance's clock, oldest first: only to
     * fill the in-process revocation list of an instance that has not read the log yet.
     */
    List<RevokedSession> revokedSince(Instant since);

    /**
     * Revocations logged after the one with {@code sequence}, oldest first, at most {@code max}. The store
     * assigns the sequence in commit order, so reading by it misses nothing whatever the instances' clocks say.
     */
    List<RevokedSession> revokedAfter(long sequence, int max);

    /** One entry of the revocation log; {@code sequence} increases in the order revocations were committed. */
    record RevokedSession(SessionId id, Instant revokedAt, long sequence) {
    }

    /** What {@link #refresh} did, read in its unit after its changes. */
    sealed interface Refresh {
        /** The session as rotated, and its account. */
        record Rotated(Session session, User user) implements Refresh {
        }

        /** The hash presented was retired: its session, revoked by the unit ({@code revokedNow}) or before. */
        record Reused(SessionId session, boolean revokedNow) implements Refresh {
        }

        /**
         * Nothing rotated (no such hash, the session ended, or its account is gone); {@code revoked}: the
         * session this unit revoked because its account no longer accepts it.
         */
        record Refused(Optional<SessionId> revoked) implements Refresh {
        }
    }
}
