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
import dev.prompttracker.application.port.in.SendVerificationEmailCommand;
import dev.prompttracker.application.port.in.SendVerificationEmailUseCase;
import dev.prompttracker.application.port.in.SetPasswordCommand;
import dev.prompttracker.application.port.in.SetPasswordUseCase;
import dev.prompttracker.application.port.in.VerifyEmailCommand;
import dev.prompttracker.application.port.in.VerifyEmailUseCase;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.error.FieldError;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.id.Uuids;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
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
import java.util.Map;
import java.util.Optional;

/**
 * Accounts, password login, sessions with rotating refresh tokens, access-token checks, and the proof
 * of an account's email address (a verification link, or any link sent to it), which is what makes
 * the address trusted.
 */
final class AuthService implements RegisterUserUseCase, LogInUseCase, RefreshSessionUseCase, LogOutUseCase,
        ListSessionsUseCase, RevokeSessionUseCase, AuthenticateUseCase, SendVerificationEmailUseCase,
        VerifyEmailUseCase, SetPasswordUseCase {

    private static final System.Logger SECURITY = System.getLogger("dev.prompttracker.security");
    private static final String INVALID_CREDENTIALS = "invalid credentials";
    private static final String INVALID_TOKEN = "invalid or expired token";
    private static final String INVALID_VERIFICATION = "this verification link is invalid, used or expired";
    /** Longer logins than this cannot be a username or an email; refused before any lookup. */
    private static final int MAX_LOGIN_LENGTH = Email.MAX_LENGTH;
    private static final PlainPassword TIMING_PADDING = new PlainPassword("timing-padding");

    private final UserRepository users;
    private final SessionRepository sessions;
    private final EmailJobQueue emailJobs;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final RevokedSessions revoked;
    private final AuthSettings settings;
    private final Quotas quotas;
    private final Clock clock;
    private final OpaqueTokens secretTokens;
    /**
     * Verified against when the account is unknown, so both paths cost one hash. Made on first need:
     * one argon2id hash on a cold JVM takes seconds, which start-up should not pay.
     */
    private volatile PasswordHash dummyHash;

    AuthService(UserRepository users, SessionRepository sessions, EmailJobQueue emailJobs,
                PasswordHasher hasher, TokenIssuer tokens, RevokedSessions revoked, AuthSettings settings,
                Quotas quotas, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.emailJobs = emailJobs;
        this.hasher = hasher;
        this.tokens = tokens;
        this.revoked = revoked;
        this.settings = settings;
        this.quotas = quotas;
        this.clock = clock;
        this.secretTokens = new OpaqueTokens(settings.opaqueTokenKey());
    }

    OpaqueTokens secretTokens() {
        return secretTokens;
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
        User user = User.registered(UserId.random(), username.orElseThrow(), email.orElseThrow(), hash, now);
        // The account and its first session in one call to the store.
        NewSession session = newSession(user.id(), command.client(), now);
        sessions.register(user, session.session(), OpaqueTokens.hash(session.refreshToken()));
        queueVerificationEmail(user, now);
        return issue(user, session.session().id(), session.refreshToken(), now);
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
        Optional<PasswordHash> stronger = hasher.needsRehash(hash) ? Optional.of(hasher.hash(password.orElseThrow()))
                : Optional.empty();
        // Opened only while the account still has the password just checked: a proof of its address
        // may have removed it while the hash was being compared.
        NewSession session = newSession(found.id(), command.client(), now);
        if (!sessions.openWithPassword(session.session(), OpaqueTokens.hash(session.refreshToken()), hash, stronger)) {
            throw new Unauthenticated(INVALID_CREDENTIALS);
        }
        if (stronger.isPresent()) {
            found = found.withPasswordHash(stronger.get(), now);
        }
        return issue(found, session.session().id(), session.refreshToken(), now);
    }

    @Override
    public AuthResult refresh(RefreshSessionCommand command) {
        // A made-up token never reaches the store; a genuine one (even replayed) counts against the caller.
        if (!secretTokens.isGenuine(command.refreshToken())) {
            throw new Unauthenticated(INVALID_TOKEN);
        }
        quotas.anonymousRead(command.client());
        Instant now = clock.instant();
        String nextToken = secretTokens.generate();
        // Read, checks and rotation in one call to the store; a refusal's revocations happen in it too.
        return switch (sessions.refresh(OpaqueTokens.hash(command.refreshToken()), OpaqueTokens.hash(nextToken), now)) {
            case SessionRepository.Refresh.Rotated rotated ->
                    issue(rotated.user(), rotated.session().id(), nextToken, now);
            case SessionRepository.Refresh.Reused reused -> {
                // A replay, or another request rotated the same token first: indistinguishable.
                if (reused.revokedNow()) {
                    SECURITY.log(System.Logger.Level.WARNING,
                            "refresh token reuse detected; session {0} revoked", reused.session().value());
                }
                revoked.add(reused.session(), now);
                throw new Unauthenticated(INVALID_TOKEN);
            }
            case SessionRepository.Refresh.Refused refused -> {
                // Ended when the address was proven by someone else; normally revoked then already.
                refused.revoked().ifPresent(ended -> revoked.add(ended, now));
                throw new Unauthenticated(INVALID_TOKEN);
            }
        };
    }

    @Override
    public void logOut(LogOutCommand command) {
        Actor.SignedIn actor = signedIn(command.actor());
        revoke(actor.sessionId(), clock.instant());
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
        revoke(session.id(), clock.instant());
    }

    @Override
    public boolean sendVerificationEmail(SendVerificationEmailCommand command) {
        Actor.SignedIn actor = signedIn(command.actor());
        User user = users.findById(actor.id()).orElseThrow(() -> new Unauthenticated(INVALID_TOKEN));
        if (user.emailVerified()) {
            return false;
        }
        quotas.verificationEmail(user.id());
        emailJobs.enqueue(EmailJob.create(EmailJobKind.VERIFY_EMAIL, user.email(), Map.of(), clock.instant()));
        return true;
    }

    @Override
    public AuthResult verifyEmail(VerifyEmailCommand command) {
        quotas.verifyMagicLink(command.client());
        if (!secretTokens.isGenuine(command.token())) {
            throw new Unauthenticated(INVALID_VERIFICATION);
        }
        Instant now = clock.instant();
        Optional<SessionRepository.Presenter> presenter = command.actor() instanceof Actor.SignedIn signedIn
                ? Optional.of(new SessionRepository.Presenter(signedIn.id(), signedIn.sessionId())) : Optional.empty();
        String refreshToken = secretTokens.generate();
        var opening = new SessionRepository.Opening(SessionId.random(), now, now.plus(settings.refreshTokenTtl()),
                command.client().userAgent(), command.client().ip());
        // The link's use, the proof with what it ends, the new session and the presenter's replacement in one call.
        return switch (sessions.verifyEmail(OpaqueTokens.hash(command.token()), presenter, opening,
                OpaqueTokens.hash(refreshToken))) {
            case SessionRepository.EmailVerification.Refused refused -> throw new Unauthenticated(INVALID_VERIFICATION);
            case SessionRepository.EmailVerification.NoAccount noAccount ->
                    throw new Unauthenticated(INVALID_VERIFICATION);
            case SessionRepository.EmailVerification.Verified verified -> {
                User user = verified.user();
                if (verified.endedEarlierSessions()) {
                    endedByProof(user, verified.ended(), now);
                }
                // The session that presented the link is replaced by the new one, whose tokens say the address is proven.
                presenter.filter(p -> p.user().equals(user.id())).ifPresent(p -> revoked.add(p.session(), now));
                yield issue(user, verified.session().id(), refreshToken, now);
            }
        };
    }

    @Override
    public void setPassword(SetPasswordCommand command) {
        Actor.SignedIn actor = signedIn(command.actor());
        PlainPassword next = PlainPassword.parse(command.newPassword(), "newPassword");
        User user = users.findById(actor.id()).orElseThrow(() -> new Unauthenticated(INVALID_TOKEN));
        if (user.passwordHash().isPresent()) {
            String current = command.currentPassword() == null ? "" : command.currentPassword();
            if (current.isEmpty()) {
                throw Invalid.field("currentPassword", "is required to change a password");
            }
            quotas.logIn(command.client(), user.username().value());
            boolean matches = parsePassword(current).map(p -> hasher.matches(p, user.passwordHash().get()))
                    .orElse(false);
            if (!matches) {
                throw Invalid.field("currentPassword", "is not this account's password");
            }
        }
        Instant now = clock.instant();
        // Changed only while the password checked here is still the account's and this session still
        // counts: a proof of the address may since have removed the password and ended the session, whose
        // access token other instances accept until their revocations catch up.
        List<SessionId> ended = sessions.changePassword(user.id(), user.passwordHash(), hasher.hash(next),
                actor.sessionId(), now).orElseThrow(() -> new Unauthenticated(INVALID_TOKEN));
        // Whoever knew the old password (or held another session) is signed out; this session stays.
        ended.forEach(id -> revoked.add(id, now));
    }

    /**
     * Proving the address of {@code user} removed a password set before the proof and ended the account's
     * sessions ({@code ended}: those the store revoked): they end at once here, and on other instances through
     * the revocation log; refreshing one is refused by the account's cut-off in any case.
     */
    private void endedByProof(User user, List<SessionId> ended, Instant now) {
        ended.forEach(id -> revoked.add(id, now));
        SECURITY.log(System.Logger.Level.INFO, "address of account {0} proven by a link; its password "
                + "(set before the proof) removed and {1} session(s) ended", user.id().value(), ended.size());
    }

    @Override
    public Actor.SignedIn authenticate(String accessToken) {
        TokenIssuer.AccessGrant grant = tokens.verify(accessToken)
                .filter(g -> !revoked.contains(g.sessionId()))
                .orElseThrow(() -> new Unauthenticated(INVALID_TOKEN));
        return new Actor.SignedIn(grant.userId(), grant.email(), grant.emailVerified(), grant.role(),
                grant.sessionId());
    }

    static Actor.SignedIn signedIn(Actor actor) {
        if (actor instanceof Actor.SignedIn signedIn) {
            return signedIn;
        }
        throw new Unauthenticated("sign in first");
    }

    /**
     * A sign-in by the link whose token has the hash {@code link}, in one call to the store: the link is used,
     * the account of its address made ({@code account}, when it has none) or its address proven (by
     * {@code presenter}, when that is a session of the account, as {@link User#proveEmail} says), and a session
     * opened. Empty when the link cannot be used. {@code Conflict} when the new account's name is taken;
     * then nothing is stored and the link stays unused.
     */
    Optional<AuthResult> signInByLink(TokenHash link, Actor presenter, SessionRepository.NewAccount account,
                                      ClientInfo client, Instant now) {
        Optional<UserId> presenting = presenter instanceof Actor.SignedIn signedIn ? Optional.of(signedIn.id())
                : Optional.empty();
        NewSession session = newSession(account.id(), client, now);
        return switch (sessions.signInByLink(link, presenting, account, session.session(),
                OpaqueTokens.hash(session.refreshToken()))) {
            case SessionRepository.LinkSignIn.Refused refused -> Optional.empty();
            case SessionRepository.LinkSignIn.SignedIn signedIn -> {
                if (signedIn.endedEarlierSessions()) {
                    endedByProof(signedIn.user(), signedIn.ended(), now);
                }
                yield Optional.of(issue(signedIn.user(), signedIn.session().id(), session.refreshToken(), now));
            }
        };
    }

    /** A session about to be opened, with its first refresh token. */
    private record NewSession(Session session, String refreshToken) {
    }

    private NewSession newSession(UserId user, ClientInfo client, Instant now) {
        return new NewSession(new Session(SessionId.random(), user, now, now, now.plus(settings.refreshTokenTtl()),
                Optional.empty(), client.userAgent(), client.ip()), secretTokens.generate());
    }

    /** The role is evaluated here, every time tokens are issued: never taken from storage or an older token. */
    private AuthResult issue(User user, SessionId session, String refreshToken, Instant now) {
        Role role = user.roleGiven(settings.adminEmails());
        String accessToken = tokens.issue(new TokenIssuer.AccessGrant(user.id(), user.email(), user.emailVerified(),
                role, session, Uuids.random(), now, now.plus(settings.accessTokenTtl())));
        return new AuthResult(user, role, accessToken, refreshToken, settings.accessTokenTtl());
    }

    private void revoke(SessionId session, Instant now) {
        sessions.revoke(session, now);
        revoked.add(session, now);
    }

    /** Queued for the email worker, which makes the link itself: no link token ever waits in the queue. */
    private void queueVerificationEmail(User user, Instant now) {
        try {
            emailJobs.enqueue(EmailJob.create(EmailJobKind.VERIFY_EMAIL, user.email(), Map.of(), now));
        } catch (RuntimeException queueDown) {
            // The account exists either way; its owner can ask for the link again.
            SECURITY.log(System.Logger.Level.WARNING, "could not queue the verification email of account {0}: {1}",
                    user.id().value(), queueDown.getClass().getSimpleName());
        }
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
