package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemorySessionRepository implements SessionRepository {
    private final Map<SessionId, Session> sessions = new LinkedHashMap<>();
    private final Map<SessionId, TokenHash> currentHash = new HashMap<>();
    private final Map<TokenHash, SessionId> retired = new HashMap<>();
    private final List<RevokedSession> revocationLog = new ArrayList<>();
    private final InMemoryUserRepository users;
    private final InMemoryMagicLinkRepository links;

    /**
     * Over the accounts of {@code users}, which a registration writes with its session, and the links of
     * {@code links}, which a sign-in by link uses with it.
     */
    public InMemorySessionRepository(InMemoryUserRepository users, InMemoryMagicLinkRepository links) {
        this.users = users;
        this.links = links;
    }

    @Override
    public synchronized LinkSignIn signInByLink(TokenHash link, Optional<UserId> presenter, NewAccount account,
                                                Session session, TokenHash refreshHash) {
        if (!session.userId().equals(account.id())) {
            throw new IllegalArgumentException("the session is the new account's until the store finds another");
        }
        Instant now = session.createdAt();
        synchronized (users) {
            synchronized (links) {
                Optional<MagicLink.Issued> usable = links.usable(link, MagicLinkPurpose.LOGIN, now);
                if (usable.isEmpty()) {
                    return new LinkSignIn.Refused();
                }
                if (sessions.containsKey(session.id()) || currentHash.containsValue(refreshHash)) {
                    throw new Conflict("this session already exists");
                }
                Email email = usable.get().email();
                Optional<User> existing = users.findByEmail(email);
                User user;
                boolean endsEarlierSessions = false;
                List<SessionId> ended = List.of();
                if (existing.isEmpty()) {
                    user = User.provenByLink(account.id(), Username.forEmail(email, account.usernameSuffix()), email,
                            now);
                    // Refused here, when the name is taken, before anything changed.
                    users.create(user);
                } else {
                    User found = existing.get();
                    User.EmailProof proof = found.proveEmail(now, presenter.filter(found.id()::equals).isPresent());
                    user = proof.user();
                    if (!found.emailVerified()) {
                        users.recordEmailProof(user);
                    }
                    if (proof.endsEarlierSessions()) {
                        endsEarlierSessions = true;
                        ended = revokeAllOf(user.id(), Optional.empty(), now);
                    }
                }
                Session opened = new Session(session.id(), user.id(), session.createdAt(), session.lastUsedAt(),
                        session.expiresAt(), session.revokedAt(), session.userAgent(), session.ip());
                create(opened, refreshHash);
                links.consume(link, MagicLinkPurpose.LOGIN, now);
                return new LinkSignIn.SignedIn(user, opened, existing.isEmpty(), endsEarlierSessions, ended);
            }
        }
    }

    @Override
    public synchronized EmailVerification verifyEmail(TokenHash link, Optional<Presenter> presenter, Opening opening,
                                                      TokenHash refreshHash) {
        Instant now = opening.createdAt();
        synchronized (users) {
            synchronized (links) {
                Optional<MagicLink.Issued> usable = links.usable(link, MagicLinkPurpose.VERIFY_EMAIL, now);
                if (usable.isEmpty()) {
                    return new EmailVerification.Refused();
                }
                if (sessions.containsKey(opening.id()) || currentHash.containsValue(refreshHash)) {
                    throw new Conflict("this session already exists");
                }
                Optional<User> account = users.findByEmail(usable.get().email());
                if (account.isEmpty()) {
                    links.consume(link, MagicLinkPurpose.VERIFY_EMAIL, now);
                    return new EmailVerification.NoAccount();
                }
                User found = account.get();
                Optional<Presenter> own = presenter.filter(p -> p.user().equals(found.id()));
                User.EmailProof proof = found.proveEmail(now, own.isPresent());
                if (!found.emailVerified()) {
                    users.recordEmailProof(proof.user());
                }
                List<SessionId> ended = proof.endsEarlierSessions()
                        ? revokeAllOf(found.id(), Optional.empty(), now) : List.of();
                Session opened = opening.of(found.id());
                create(opened, refreshHash);
                // The presenting session is replaced by the new one, only when it is the account's.
                own.filter(p -> sessions.containsKey(p.session()) && sessions.get(p.session()).belongsTo(found.id()))
                        .ifPresent(p -> revoke(p.session(), now));
                links.consume(link, MagicLinkPurpose.VERIFY_EMAIL, now);
                return new EmailVerification.Verified(proof.user(), opened, proof.endsEarlierSessions(), ended);
            }
        }
    }

    @Override
    public synchronized void register(User user, Session session, TokenHash refreshHash) {
        if (sessions.containsKey(session.id()) || currentHash.containsValue(refreshHash)) {
            throw new Conflict("this session already exists");
        }
        users.create(user);
        create(session, refreshHash);
    }

    @Override
    public synchronized void create(Session session, TokenHash refreshHash) {
        if (sessions.containsKey(session.id()) || currentHash.containsValue(refreshHash)) {
            throw new Conflict("this session already exists");
        }
        sessions.put(session.id(), session);
        currentHash.put(session.id(), refreshHash);
    }

    @Override
    public synchronized boolean openWithPassword(Session session, TokenHash refreshHash, PasswordHash verified,
                                                 Optional<PasswordHash> stronger) {
        if (users.findById(session.userId()).flatMap(User::passwordHash).filter(verified::equals).isEmpty()) {
            return false;
        }
        stronger.ifPresent(rehash -> users.replacePasswordHash(session.userId(), Optional.of(verified), rehash,
                session.createdAt()));
        create(session, refreshHash);
        return true;
    }

    @Override
    public synchronized Optional<List<SessionId>> changePassword(UserId user, Optional<PasswordHash> expected,
                                                                 PasswordHash next, SessionId by, Instant now) {
        Optional<User> account = users.findById(user);
        Session presenting = sessions.get(by);
        boolean live = account.isPresent() && presenting != null && presenting.belongsTo(user)
                && presenting.isActiveAt(now) && account.get().acceptsSessionCreatedAt(presenting.createdAt());
        if (!live || !users.replacePasswordHash(user, expected, next, now)) {
            return Optional.empty();
        }
        return Optional.of(revokeAllOf(user, Optional.of(by), now));
    }

    @Override
    public synchronized Optional<Session> findById(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized Optional<Session> findByCurrentRefreshHash(TokenHash hash) {
        return currentHash.entrySet().stream().filter(e -> e.getValue().equals(hash))
                .map(e -> sessions.get(e.getKey())).findFirst();
    }

    @Override
    public synchronized Optional<SessionId> findByRetiredRefreshHash(TokenHash hash) {
        return Optional.ofNullable(retired.get(hash));
    }

    @Override
    public synchronized Refresh refresh(TokenHash presented, TokenHash next, Instant now) {
        SessionId family = retired.get(presented);
        if (family != null) {
            return new Refresh.Reused(family, revoke(family, now));
        }
        Optional<Session> current = findByCurrentRefreshHash(presented).filter(s -> s.isActiveAt(now));
        Optional<User> user = current.flatMap(s -> users.findById(s.userId()));
        if (current.isEmpty() || user.isEmpty()) {
            return new Refresh.Refused(Optional.empty());
        }
        Session session = current.get();
        if (!user.get().acceptsSessionCreatedAt(session.createdAt())) {
            revoke(session.id(), now);
            return new Refresh.Refused(Optional.of(session.id()));
        }
        currentHash.put(session.id(), next);
        retired.put(presented, session.id());
        Session rotated = new Session(session.id(), session.userId(), session.createdAt(), now, session.expiresAt(),
                session.revokedAt(), session.userAgent(), session.ip());
        sessions.put(session.id(), rotated);
        return new Refresh.Rotated(rotated, user.get());
    }

    @Override
    public synchronized boolean revoke(SessionId id, Instant now) {
        Session session = sessions.get(id);
        if (session == null || session.revokedAt().isPresent()) {
            return false;
        }
        sessions.put(id, new Session(id, session.userId(), session.createdAt(), session.lastUsedAt(),
                session.expiresAt(), Optional.of(now), session.userAgent(), session.ip()));
        revocationLog.add(new RevokedSession(id, now, revocationLog.size() + 1L));
        return true;
    }

    @Override
    public synchronized List<SessionId> revokeAllOf(UserId user, Optional<SessionId> except, Instant now) {
        List<SessionId> ended = sessions.values().stream()
                .filter(s -> s.belongsTo(user) && s.revokedAt().isEmpty() && except.map(e -> !e.equals(s.id())).orElse(true))
                .map(Session::id)
                .toList();
        ended.forEach(id -> revoke(id, now));
        return ended;
    }

    @Override
    public synchronized List<Session> listActive(UserId user, Instant now) {
        return sessions.values().stream()
                .filter(s -> s.belongsTo(user) && s.isActiveAt(now))
                .sorted(Comparator.comparing(Session::createdAt).thenComparing(s -> s.id().value()).reversed())
                .limit(MAX_LISTED)
                .toList();
    }

    @Override
    public synchronized List<RevokedSession> revokedSince(Instant since) {
        return revocationLog.stream().filter(r -> !r.revokedAt().isBefore(since)).toList();
    }

    @Override
    public synchronized List<RevokedSession> revokedAfter(long sequence, int max) {
        return revocationLog.stream().filter(r -> r.sequence() > sequence).limit(max).toList();
    }
}
