package dev.prompttracker.application.service;

import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.AuthenticateUseCase;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.ListSessionsQuery;
import dev.prompttracker.application.port.in.ListSessionsUseCase;
import dev.prompttracker.application.port.in.LogInCommand;
import dev.prompttracker.application.port.in.LogInUseCase;
import dev.prompttracker.application.port.in.LogOutCommand;
import dev.prompttracker.application.port.in.LogOutUseCase;
import dev.prompttracker.application.port.in.RefreshSessionCommand;
import dev.prompttracker.application.port.in.RefreshSessionUseCase;
import dev.prompttracker.application.port.in.RegisterUserCommand;
import dev.prompttracker.application.port.in.RegisterUserUseCase;
import dev.prompttracker.application.port.in.RevokeSessionCommand;
import dev.prompttracker.application.port.in.RevokeSessionUseCase;
import dev.prompttracker.application.port.in.SessionView;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.FieldError;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.id.Uuids;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.PlainPassword;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts, password login, sessions with rotating refresh tokens, and access-token checks. */
final class AuthService implements RegisterUserUseCase, LogInUseCase, RefreshSessionUseCase, LogOutUseCase,
        ListSessionsUseCase, RevokeSessionUseCase, AuthenticateUseCase {

    private static final System.Logger SECURITY = System.getLogger("dev.prompttracker.security");
    private static final String INVALID_CREDENTIALS = "invalid credentials";
    private static final String INVALID_TOKEN = "invalid or expired token";
    /** Longer logins than this cannot be a username or an email; refused before any lookup. */
    private static final int MAX_LOGIN_LENGTH = Email.MAX_LENGTH;
    private static final PlainPassword TIMING_PADDING = new PlainPassword("timing-padding");

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final RevokedSessions revoked;
    private final AuthSettings settings;
    private final Quotas quotas;
    private final Clock clock;
    private final OpaqueTokens secretTokens = new OpaqueTokens();
    /**
     * Verified against when the account is unknown, so both paths cost one hash. Made on first need:
     * one argon2id hash on a cold JVM takes seconds, which start-up should not pay.
     */
    private volatile PasswordHash dummyHash;

    AuthService(UserRepository users, SessionRepository sessions, PasswordHasher hasher, TokenIssuer tokens,
                RevokedSessions revoked, AuthSettings settings, Quotas quotas, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.tokens = tokens;
        this.revoked = revoked;
        this.settings = settings;
        this.quotas = quotas;
        this.clock = clock;
    }

    private PasswordHash dummyHash() {
        PasswordHash hash = dummyHash;
        if (hash == null) {
            synchronized (this) {
                hash = dummyHash;
                if (hash == null) {
                    hash = hasher.hash(new PlainPassword(Uuids.random()));
                    dummyHash = hash;
                }
            }
        }
        return hash;
    }

    @Override
    public AuthResult register(RegisterUserCommand command) {
        InputCheck check = new InputCheck();
        Optional<Username> username = check.field(() -> Username.parse(command.username()));
        Optional<Email> email = check.field(() -> Email.parse(command.email()));
        Optional<PlainPassword> password = check.field(() -> PlainPassword.parse(command.password()));
        check.done();
        quotas.register(command.client());
        Instant now = clock.instant();
        PasswordHash hash = hasher.hash(password.orElseThrow());
        User user = new User(UserId.random(), username.orElseThrow(), email.orElseThrow(), Optional.of(hash),
                roleFor(email.orElseThrow()), now, now);
        users.create(user);
        return startSession(user, command.client(), now);
    }

    @Override
    public AuthResult logIn(LogInCommand command) {
        String login = command.login() == null ? "" : command.login().strip();
        String rawPassword = command.password() == null ? "" : command.password();
        if (login.isEmpty() || rawPassword.isEmpty()) {
            throw new Invalid(missingCredentials(login, rawPassword));
        }
        if (login.length() > MAX_LOGIN_LENGTH || rawPassword.length() > PlainPassword.MAX_LENGTH * 2) {
            throw new Unauthenticated(INVALID_CREDENTIALS);
        }
        quotas.logIn(command.client(), login);
        Optional<User> user = findByLogin(login);
        Optional<PlainPassword> password = parsePassword(rawPassword);
        PasswordHash hash = user.flatMap(User::passwordHash).orElseGet(this::dummyHash);
        // Hash even when the password cannot be right, so the answer takes the same time.
        boolean matches = hasher.matches(password.orElse(TIMING_PADDING), hash) && password.isPresent();
        if (!matches || user.isEmpty() || user.get().passwordHash().isEmpty()) {
            throw new Unauthenticated(INVALID_CREDENTIALS);
        }
        Instant now = clock.instant();
        User found = user.get();
        if (hasher.needsRehash(hash)) {
            PasswordHash stronger = hasher.hash(password.orElseThrow());
            users.updatePasswordHash(found.id(), stronger, now);
            found = found.withPasswordHash(stronger, now);
        }
        return startSession(found, command.client(), now);
    }

    @Override
    public AuthResult refresh(RefreshSessionCommand command) {
        if (!OpaqueTokens.isWellFormed(command.refreshToken())) {
            throw new Unauthenticated(INVALID_TOKEN);
        }
        TokenHash presented = OpaqueTokens.hash(command.refreshToken());
        Instant now = clock.instant();
        Optional<Session> current = sessions.findByCurrentRefreshHash(presented);
        if (current.isEmpty()) {
            sessions.findByRetiredRefreshHash(presented).ifPresent(family -> revokeOnReuse(family, now));
            throw new Unauthenticated(INVALID_TOKEN);
        }
        Session session = current.get();
        if (!session.isActiveAt(now)) {
            throw new Unauthenticated(INVALID_TOKEN);
        }
        String nextToken = secretTokens.generate();
        if (!sessions.rotate(session.id(), presented, OpaqueTokens.hash(nextToken), now)) {
            // Another request rotated the same token first: indistinguishable from a replay.
            revokeOnReuse(session.id(), now);
            throw new Unauthenticated(INVALID_TOKEN);
        }
        User user = users.findById(session.userId()).orElseThrow(() -> new Unauthenticated(INVALID_TOKEN));
        return new AuthResult(user, accessToken(user, session.id(), now), nextToken, settings.accessTokenTtl());
    }

    @Override
    public void logOut(LogOutCommand command) {
        Actor.SignedIn actor = signedIn(command.actor());
        Instant now = clock.instant();
        sessions.revoke(actor.sessionId(), now);
        revoked.add(actor.sessionId(), now);
    }

    @Override
    public List<SessionView> listSessions(ListSessionsQuery query) {
        Actor.SignedIn actor = signedIn(query.actor());
        return sessions.listActive(actor.id(), clock.instant()).stream()
                .map(session -> new SessionView(session, session.id().equals(actor.sessionId())))
                .toList();
    }

    @Override
    public void revokeSession(RevokeSessionCommand command) {
        Actor.SignedIn actor = signedIn(command.actor());
        NotFound notFound = new NotFound("session not found");
        SessionId id = SessionId.parse(command.sessionId()).orElseThrow(() -> notFound);
        Session session = sessions.findById(id).filter(s -> s.belongsTo(actor.id())).orElseThrow(() -> notFound);
        Instant now = clock.instant();
        sessions.revoke(session.id(), now);
        revoked.add(session.id(), now);
    }

    @Override
    public Actor.SignedIn authenticate(String accessToken) {
        TokenIssuer.AccessGrant grant = tokens.verify(accessToken)
                .filter(g -> !revoked.contains(g.sessionId()))
                .orElseThrow(() -> new Unauthenticated(INVALID_TOKEN));
        return new Actor.SignedIn(grant.userId(), grant.email(), grant.role(), grant.sessionId());
    }

    static Actor.SignedIn signedIn(Actor actor) {
        if (actor instanceof Actor.SignedIn signedIn) {
            return signedIn;
        }
        throw new Unauthenticated("sign in first");
    }

    /** Opens a session for a user who proved who they are (password or magic link). */
    AuthResult startSession(User user, ClientInfo client, Instant now) {
        String refreshToken = secretTokens.generate();
        Session session = new Session(SessionId.random(), user.id(), now, now, now.plus(settings.refreshTokenTtl()),
                Optional.empty(), client.userAgent(), client.ip());
        sessions.create(session, OpaqueTokens.hash(refreshToken));
        return new AuthResult(user, accessToken(user, session.id(), now), refreshToken, settings.accessTokenTtl());
    }

    private String accessToken(User user, SessionId session, Instant now) {
        return tokens.issue(new TokenIssuer.AccessGrant(user.id(), user.email(), roleFor(user), session, Uuids.random(), now,
                now.plus(settings.accessTokenTtl())));
    }

    private Role roleFor(User user) {
        return user.role() == Role.ADMIN ? Role.ADMIN : roleFor(user.email());
    }

    private Role roleFor(Email email) {
        return settings.adminEmails().contains(email) ? Role.ADMIN : Role.USER;
    }

    private void revokeOnReuse(SessionId family, Instant now) {
        if (sessions.revoke(family, now)) {
            SECURITY.log(System.Logger.Level.WARNING,
                    "refresh token reuse detected; session {0} revoked", family.value());
        }
        revoked.add(family, now);
    }

    private Optional<User> findByLogin(String login) {
        if (Email.looksLikeOne(login)) {
            try {
                return users.findByEmail(Email.parse(login));
            } catch (Invalid notAnEmail) {
                return Optional.empty();
            }
        }
        return Username.looksLikeOne(login) ? users.findByUsername(Username.parse(login)) : Optional.empty();
    }

    private static Optional<PlainPassword> parsePassword(String raw) {
        try {
            return Optional.of(PlainPassword.parse(raw));
        } catch (Invalid outOfRange) {
            return Optional.empty();
        }
    }

    private static List<FieldError> missingCredentials(String login, String password) {
        List<FieldError> errors = new ArrayList<>();
        if (login.isEmpty()) {
            errors.add(new FieldError("login", "is required"));
        }
        if (password.isEmpty()) {
            errors.add(new FieldError("password", "is required"));
        }
        return errors;
    }
}
