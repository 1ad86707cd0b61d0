package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Login sessions and the hashes of their refresh tokens (current and retired). */
public interface SessionRepository {

    /** The most sessions {@link #listActive} returns, newest first. */
    int MAX_LISTED = 100;

    void create(Session session, TokenHash refreshHash);

    /**
     * Opens {@code session} for a sign-in by password only while the account's password hash is still
     * {@code verified}, the one the password was checked against (a proof of the account's address may
     * have removed it meanwhile); {@code stronger}, a rehash of the same password, replaces it first in the
     * same unit. False, with nothing changed, when the hash is no longer {@code verified}.
     */
    boolean openWithPassword(Session session, TokenHash refreshHash, PasswordHash verified,
                             Optional<PasswordHash> stronger);

    /**
     * Sets the account's password to {@code next} in one unit, only while its hash is still {@code expected}
     * (none: no password) and {@code by} is a live session of the account (not revoked, not expired, not
     * cut off by a proof of its address); then revokes (and logs) every other session of the account.
     * The sessions revoked, or empty, with nothing changed, when refused.
     */
    Optional<List<SessionId>> changePassword(UserId user, Optional<PasswordHash> expected, PasswordHash next,
                                             SessionId by, Instant now);

    /**
     * Stores a new account with its first session in one unit, one call to the store; {@code Conflict}
     * (as {@link UserRepository#create}) when its username or email is taken, and then stores neither.
     */
    void register(User user, Session session, TokenHash refreshHash);

    /**
     * A sign-in by link in one unit, one call to the store, at {@code session.createdAt()}. Uses the sign-in link
     * ({@link MagicLinkPurpose#LOGIN}) whose token has the hash {@code link}, if it is unused and unexpired, and
     * opens {@code session} with {@code refreshHash} for the account of the link's address:
     * <ul>
     * <li>when no account has the address, a new one, {@code account.id()} (the session's user), named
     *     {@link Username#forEmail}(address, {@code account.usernameSuffix()}), without a password, its address
     *     proven ({@link User#provenByLink});</li>
     * <li>otherwise the session is that account's, and the account's address is proven now if it was not, as
     *     {@link User#proveEmail} says ({@code presenter}: the account of the session that presented the link,
     *     if any); when that removes a password, the account's sessions are revoked and logged as by
     *     {@link #revokeAllOf}.</li>
     * </ul>
     * {@link LinkSignIn.Refused}, with nothing changed, when there is no such link or it is used, expired or of
     * another purpose. {@code Conflict} (as {@link UserRepository#create}) when the new account's name is taken:
     * then nothing is stored and the link stays unused.
     */
    LinkSignIn signInByLink(TokenHash link, Optional<UserId> presenter, NewAccount account, Session session,
                            TokenHash refreshHash);

    /**
     * A proof of an address by its verification link in one unit, one call to the store, at
     * {@code opening.createdAt()}. Uses the verification link ({@link MagicLinkPurpose#VERIFY_EMAIL}) whose token
     * has the hash {@code link}, if it is unused and unexpired. When an account has exactly the link's address, its
     * address is proven now if it was not, as {@link User#proveEmail} says ({@code presenter}: the session that
     * presented the link, if any; it counts as the account's own only when it is the account's); when that removes a
     * password, the account's sessions are revoked and logged as by {@link #revokeAllOf}. Then {@code opening} is
     * opened for the account with {@code refreshHash}, and the presenting session, when it is the account's, is
     * revoked and logged as by {@link #revoke} (the new session replaces it).
     * {@link EmailVerification.Refused}, with nothing changed, when there is no such link or it is used, expired or
     * of another purpose; {@link EmailVerification.NoAccount} when no account has the address: then the link is used
     * and nothing else changes.
     */
    EmailVerification verifyEmail(TokenHash link, Optional<Presenter> presenter, Opening opening,
                                  TokenHash refreshHash);

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

    /** The account {@link #signInByLink} makes when the link's address has none. */
    record NewAccount(UserId id, String usernameSuffix) {
        public NewAccount {
            Objects.requireNonNull(id, "id");
            Username.requireSuffix(usernameSuffix);
        }
    }

    /** The signed-in session that presented a link: its account and its id. */
    record Presenter(UserId user, SessionId session) {
        public Presenter {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(session, "session");
        }
    }

    /** A session {@link #verifyEmail} opens for the account the store finds: all of it but its account. */
    record Opening(SessionId id, Instant createdAt, Instant expiresAt, String userAgent, String ip) {
        public Opening {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** The session as opened for {@code user}: unused and unrevoked so far. */
        public Session of(UserId user) {
            return new Session(id, user, createdAt, createdAt, expiresAt, Optional.empty(), userAgent, ip);
        }
    }

    /** What {@link #verifyEmail} did, read in its unit after its changes. */
    sealed interface EmailVerification {
        /** The link could not be used; nothing changed. */
        record Refused() implements EmailVerification {
        }

        /** The link was used, but no account has its address; nothing else changed. */
        record NoAccount() implements EmailVerification {
        }

        /**
         * The account's address is proven: the account and the opened session as the unit left them;
         * {@code endedEarlierSessions}: the proof removed a password and ended the account's earlier sessions,
         * {@code ended} those this unit revoked.
         */
        record Verified(User user, Session session, boolean endedEarlierSessions, List<SessionId> ended)
                implements EmailVerification {
            public Verified {
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(session, "session");
                ended = List.copyOf(ended);
            }
        }
    }

    /** What {@link #signInByLink} did, read in its unit after its changes. */
    sealed interface LinkSignIn {
        /** The link could not be used; nothing changed. */
        record Refused() implements LinkSignIn {
        }

        /**
         * The link was used: the account and the session as the unit left them; {@code created}: the account is
         * new; {@code endedEarlierSessions}: proving its address removed a password and ended the account's
         * earlier sessions, {@code ended} those this unit revoked.
         */
        record SignedIn(User user, Session session, boolean created, boolean endedEarlierSessions,
                        List<SessionId> ended) implements LinkSignIn {
            public SignedIn {
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(session, "session");
                ended = List.copyOf(ended);
            }
        }
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
