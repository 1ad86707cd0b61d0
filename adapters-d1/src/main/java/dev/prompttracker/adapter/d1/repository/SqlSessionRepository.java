package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static dev.prompttracker.adapter.d1.jooq.Tables.RETIRED_REFRESH_TOKENS;
import static dev.prompttracker.adapter.d1.jooq.Tables.SESSION_REVOCATIONS;
import static dev.prompttracker.adapter.d1.jooq.Tables.SESSIONS;
import static dev.prompttracker.adapter.d1.jooq.Tables.USERS;

/** Sessions and refresh-token hashes in {@code sessions} and {@code retired_refresh_tokens}. */
public final class SqlSessionRepository implements SessionRepository {
    /** The link can be used now: unused, unexpired, of its purpose (sign-in or verification). */
    private static final String LINK_USABLE = "exists (select 1 from magic_links where token_hash = ? "
            + "and purpose = ? and used_at is null and expires_at > ?)";
    private static final String LINK_EMAIL = "(select email from magic_links where token_hash = ?)";
    /** The account of the link's address while its address is unproven; with a password set before the proof… */
    private static final String UNPROVEN = "select id from users where email = " + LINK_EMAIL
            + " and email_verified_at is null";
    /** …that the proof removes: one not known to the session that presented the link (User.proveEmail). */
    private static final String DISTRUSTED = UNPROVEN + " and password_hash is not null and id is not ?";
    private static final String LOG_ENDED = "insert into session_revocations (session_id, revoked_at) "
            + "select id, ? from sessions where revoked_at is null and user_id in (" + DISTRUSTED + ") and " + LINK_USABLE;
    private static final String END = "update sessions set revoked_at = ? where revoked_at is null "
            + "and user_id in (" + DISTRUSTED + ") and " + LINK_USABLE;
    /** As User.proveEmail: the address proven now; a distrusted password removed, earlier sessions cut off. */
    private static final String PROVE = "update users set email_verified_at = ?, "
            + "password_hash = case when password_hash is not null and id is not ? then null else password_hash end, "
            + "sessions_valid_from = case when password_hash is not null and id is not ? then ? "
            + "else sessions_valid_from end, updated_at = ? where id in (" + UNPROVEN + ") and " + LINK_USABLE;
    /**
     * As User.provenByLink, named as Username.forEmail: the local part of the address is walked a character
     * at a time (SQLite has no regular expressions), keeping a–z, 0–9, '_', '.' and '-'; only while no
     * account has the address, and nothing at all unless the link can be used.
     */
    private static final String CREATE = "with recursive link(email) as (select email from magic_links "
            + "where token_hash = ? and purpose = ? and used_at is null and expires_at > ?), "
            + "walk(rest, kept) as (select lower(substr(email, 1, instr(email, '@') - 1)), '' from link "
            + "union all select substr(rest, 2), kept || case when substr(rest, 1, 1) glob '[a-z0-9_.-]' "
            + "then substr(rest, 1, 1) else '' end from walk where rest <> ''), "
            + "named(username) as (select case when length(kept) < 3 then 'reader' else substr(kept, 1, 24) end "
            + "|| '_' || ? from walk where rest = '') "
            + "insert into users (id, username, username_key, email, password_hash, email_verified_at, "
            + "sessions_valid_from, created_at, updated_at) "
            + "select ?, username, lower(username), (select email from link), null, ?, null, ?, ? from named "
            + "where not exists (select 1 from users where email = (select email from link))";
    private static final String OPEN = "insert into sessions (id, user_id, refresh_hash, created_at, last_used_at, "
            + "expires_at, revoked_at, user_agent, ip) select ?, id, ?, ?, ?, ?, null, ?, ? from users "
            + "where email = " + LINK_EMAIL + " and " + LINK_USABLE;
    /** Last: every statement before it sees the link still usable. */
    private static final String USE = "update magic_links set used_at = ? where token_hash = ? and purpose = ? "
            + "and used_at is null and expires_at > ?";
    private static final String ACCOUNT = "select * from users where email = " + LINK_EMAIL;
    private static final String ENDED_AT = "select id from sessions where revoked_at = ? "
            + "and user_id in (select id from users where email = " + LINK_EMAIL + ")";
    /** The presenting session, when it is a session of the account with the link's address, still unrevoked. */
    private static final String PRESENTING = "from sessions where id = ? and user_id = ? and revoked_at is null "
            + "and user_id in (select id from users where email = " + LINK_EMAIL + ")";
    private static final String LOG_REPLACED = "insert into session_revocations (session_id, revoked_at) select id, ? "
            + PRESENTING + " and " + LINK_USABLE;
    private static final String REPLACE = "update sessions set revoked_at = ? where id in (select id " + PRESENTING
            + ") and " + LINK_USABLE;

    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqlSessionRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public void create(Session session, TokenHash refreshHash) {
        sql.write(insert(session, refreshHash));
    }

    @Override
    public void register(User user, Session session, TokenHash refreshHash) {
        try {
            sql.write(List.of(SqlUserRepository.insert(render, user), insert(session, refreshHash)));
        } catch (SqlConstraintViolation violation) {
            throw SqlUserRepository.conflict(violation);
        }
    }

    @Override
    public LinkSignIn signInByLink(TokenHash link, Optional<UserId> presenter, NewAccount account, Session session,
                                   TokenHash refreshHash) {
        if (!session.userId().equals(account.id())) {
            throw new IllegalArgumentException("the session is the new account's until the store finds another");
        }
        long now = session.createdAt().toEpochMilli();
        String hash = link.value();
        String login = MagicLinkPurpose.LOGIN.name();
        String presenting = presenter.map(UserId::value).orElse(null);
        // Every change is guarded by the link being usable, which the last one ends: all happen, or none.
        // The sessions of a distrusted account end before the proof that tells which one it is.
        List<SqlStatement> statements = List.of(
                SqlStatement.of(LOG_ENDED, now, hash, presenting, hash, login, now),
                SqlStatement.of(END, now, hash, presenting, hash, login, now),
                SqlStatement.of(PROVE, now, presenting, presenting, now, now, hash, hash, login, now),
                SqlStatement.of(CREATE, hash, login, now, account.usernameSuffix(), account.id().value(), now, now,
                        now),
                SqlStatement.of(OPEN, session.id().value(), refreshHash.value(), now, now,
                        session.expiresAt().toEpochMilli(), session.userAgent(), session.ip(), hash, hash, login, now),
                SqlStatement.of(USE, now, hash, login, now),
                // Read back after the changes: the account, the session, the sessions a proof ended.
                SqlStatement.of(ACCOUNT, hash),
                SqlStatement.of("select * from sessions where id = ?", session.id().value()),
                SqlStatement.of(ENDED_AT, now, hash));
        List<SqlResult> results;
        try {
            results = sql.write(statements);
        } catch (SqlConstraintViolation violation) {
            throw SqlUserRepository.conflict(violation);
        }
        if (results.get(5).changes() == 0) {
            return new LinkSignIn.Refused();
        }
        ReadBack read = ReadBack.of(results.get(2), results.get(6), results.get(7), results.get(8), session.createdAt());
        return new LinkSignIn.SignedIn(read.user(), read.session(), results.get(3).changes() == 1,
                read.endedEarlierSessions(), read.ended());
    }

    /** What a proof by a link read back after its changes: the account, the new session, the sessions it ended. */
    private record ReadBack(User user, Session session, boolean endedEarlierSessions, List<SessionId> ended) {
        static ReadBack of(SqlResult proof, SqlResult account, SqlResult opened, SqlResult endedAt, Instant now) {
            Optional<User> user = account.firstRow().map(SqlUserRepository::toUser).map(stored -> answered(stored, now));
            Optional<Session> session = opened.firstRow().map(SqlSessionRepository::toSession);
            if (user.isEmpty() || session.isEmpty()) {
                // Only after a lost answer, when what the retry read again is gone: the link is spent.
                throw new Unavailable(SqlResult.LOST, null);
            }
            // The proof cut the account's earlier sessions off at this instant only if it removed a password.
            boolean endedEarlier = proof.changes() == 1 && user.get().sessionsValidFrom().equals(Optional.of(now));
            List<SessionId> ended = endedEarlier ? endedAt.rows().stream().map(SqlSessionRepository::id).toList()
                    : List.of();
            return new ReadBack(user.get(), session.get(), endedEarlier, ended);
        }
    }

    @Override
    public EmailVerification verifyEmail(TokenHash link, Optional<Presenter> presenter, Opening opening,
                                         TokenHash refreshHash) {
        long now = opening.createdAt().toEpochMilli();
        String hash = link.value();
        String verify = MagicLinkPurpose.VERIFY_EMAIL.name();
        String presentingUser = presenter.map(p -> p.user().value()).orElse(null);
        String presentingSession = presenter.map(p -> p.session().value()).orElse(null);
        // As signInByLink: every change is guarded by the link being usable, which the last one ends, and
        // every change is of the account with exactly the link's address; without one only the link is used.
        List<SqlStatement> statements = List.of(
                SqlStatement.of(LOG_ENDED, now, hash, presentingUser, hash, verify, now),
                SqlStatement.of(END, now, hash, presentingUser, hash, verify, now),
                SqlStatement.of(PROVE, now, presentingUser, presentingUser, now, now, hash, hash, verify, now),
                SqlStatement.of(OPEN, opening.id().value(), refreshHash.value(), now, now,
                        opening.expiresAt().toEpochMilli(), opening.userAgent(), opening.ip(), hash, hash, verify, now),
                // The new session replaces the presenting one when that is the account's own.
                SqlStatement.of(LOG_REPLACED, now, presentingSession, presentingUser, hash, hash, verify, now),
                SqlStatement.of(REPLACE, now, presentingSession, presentingUser, hash, hash, verify, now),
                SqlStatement.of(USE, now, hash, verify, now),
                // Read back after the changes, so a retry after a lost answer reads them again.
                SqlStatement.of(ACCOUNT, hash),
                SqlStatement.of("select * from sessions where id = ?", opening.id().value()),
                SqlStatement.of(ENDED_AT, now, hash));
        List<SqlResult> results;
        try {
            results = sql.write(statements);
        } catch (SqlConstraintViolation violation) {
            throw new Conflict("this session already exists");
        }
        if (results.get(6).changes() == 0) {
            return new EmailVerification.Refused();
        }
        if (results.get(3).changes() == 0) {
            return new EmailVerification.NoAccount();
        }
        ReadBack read = ReadBack.of(results.get(2), results.get(7), results.get(8), results.get(9), opening.createdAt());
        return new EmailVerification.Verified(read.user(), read.session(), read.endedEarlierSessions(), read.ended());
    }

    /** The sign-in's own instant where the account holds it, not the stored milliseconds, as register answers. */
    private static User answered(User stored, Instant now) {
        Instant millis = now.truncatedTo(ChronoUnit.MILLIS);
        UnaryOperator<Instant> exact = at -> at.equals(millis) ? now : at;
        return new User(stored.id(), stored.username(), stored.email(), stored.passwordHash(),
                stored.emailVerifiedAt().map(exact), stored.sessionsValidFrom().map(exact), exact.apply(stored.createdAt()),
                exact.apply(stored.updatedAt()));
    }

    @Override
    public boolean openWithPassword(Session session, TokenHash refreshHash, PasswordHash verified,
                                    Optional<PasswordHash> stronger) {
        long now = session.createdAt().toEpochMilli();
        String user = session.userId().value();
        List<SqlStatement> statements = new ArrayList<>();
        stronger.ifPresent(rehash -> statements.add(render.statement(render.dsl().update(USERS)
                .set(USERS.PASSWORD_HASH, rehash.value())
                .set(USERS.UPDATED_AT, now)
                .where(USERS.ID.eq(user).and(USERS.PASSWORD_HASH.eq(verified.value()))))));
        // Whichever hash the account holds now must be the one this sign-in checked (or its rehash).
        String current = stronger.orElse(verified).value();
        statements.add(render.statement(render.dsl().insertInto(SESSIONS, SESSIONS.ID, SESSIONS.USER_ID,
                        SESSIONS.REFRESH_HASH, SESSIONS.CREATED_AT, SESSIONS.LAST_USED_AT, SESSIONS.EXPIRES_AT,
                        SESSIONS.USER_AGENT, SESSIONS.IP)
                .select(render.dsl().select(DSL.val(session.id().value()), DSL.val(user), DSL.val(refreshHash.value()),
                                DSL.val(now), DSL.val(session.lastUsedAt().toEpochMilli()),
                                DSL.val(session.expiresAt().toEpochMilli()), DSL.val(session.userAgent()),
                                DSL.val(session.ip()))
                        .whereExists(render.dsl().selectOne().from(USERS)
                                .where(USERS.ID.eq(user).and(USERS.PASSWORD_HASH.eq(current)))))));
        return sql.write(statements).getLast().changes() == 1;
    }

    @Override
    public Optional<List<SessionId>> changePassword(UserId user, Optional<PasswordHash> expected, PasswordHash next,
                                                    SessionId by, Instant now) {
        long millis = now.toEpochMilli();
        var presenting = SESSIONS.as("presenting");
        Condition presenterLive = DSL.exists(render.dsl().selectOne().from(presenting)
                .where(presenting.ID.eq(by.value()).and(presenting.USER_ID.eq(USERS.ID))
                        .and(presenting.REVOKED_AT.isNull()).and(presenting.EXPIRES_AT.gt(millis))
                        .and(USERS.SESSIONS_VALID_FROM.isNull().or(presenting.CREATED_AT.ge(USERS.SESSIONS_VALID_FROM)))));
        Condition stillExpected = expected.map(hash -> USERS.PASSWORD_HASH.eq(hash.value()))
                .orElse(USERS.PASSWORD_HASH.isNull());
        // The new hash has a salt of its own: finding it stored says this unit's change was made.
        Condition changed = DSL.exists(render.dsl().selectOne().from(USERS)
                .where(USERS.ID.eq(user.value()).and(USERS.PASSWORD_HASH.eq(next.value()))));
        Condition others = SESSIONS.USER_ID.eq(user.value()).and(SESSIONS.ID.ne(by.value()));
        List<SqlStatement> statements = new ArrayList<>();
        statements.add(render.statement(render.dsl().update(USERS)
                .set(USERS.PASSWORD_HASH, next.value())
                .set(USERS.UPDATED_AT, millis)
                .where(USERS.ID.eq(user.value()).and(stillExpected).and(presenterLive))));
        statements.addAll(revocation(others.and(changed), millis));
        // Read back after the changes, by the revocation time this unit wrote.
        statements.add(render.statement(render.dsl().select(SESSIONS.ID).from(SESSIONS)
                .where(others.and(SESSIONS.REVOKED_AT.eq(millis)))));
        List<SqlResult> results = sql.write(statements);
        if (results.getFirst().changes() == 0) {
            return Optional.empty();
        }
        return Optional.of(results.getLast().rows().stream().map(SqlSessionRepository::id).toList());
    }

    private SqlStatement insert(Session session, TokenHash refreshHash) {
        return render.statement(render.dsl().insertInto(SESSIONS)
                .set(SESSIONS.ID, session.id().value())
                .set(SESSIONS.USER_ID, session.userId().value())
                .set(SESSIONS.REFRESH_HASH, refreshHash.value())
                .set(SESSIONS.CREATED_AT, session.createdAt().toEpochMilli())
                .set(SESSIONS.LAST_USED_AT, session.lastUsedAt().toEpochMilli())
                .set(SESSIONS.EXPIRES_AT, session.expiresAt().toEpochMilli())
                .set(SESSIONS.REVOKED_AT, session.revokedAt().map(Instant::toEpochMilli).orElse(null))
                .set(SESSIONS.USER_AGENT, session.userAgent())
                .set(SESSIONS.IP, session.ip()));
    }

    @Override
    public Optional<Session> findById(SessionId id) {
        return findOne(SESSIONS.ID.eq(id.value()));
    }

    @Override
    public Optional<Session> findByCurrentRefreshHash(TokenHash hash) {
        return findOne(SESSIONS.REFRESH_HASH.eq(hash.value()));
    }

    @Override
    public Optional<SessionId> findByRetiredRefreshHash(TokenHash hash) {
        return sql.read(render.statement(render.dsl().select(RETIRED_REFRESH_TOKENS.SESSION_ID)
                        .from(RETIRED_REFRESH_TOKENS)
                        .where(RETIRED_REFRESH_TOKENS.TOKEN_HASH.eq(hash.value()))))
                .firstRow()
                .map(row -> new SessionId(row.text(RETIRED_REFRESH_TOKENS.SESSION_ID.getName())));
    }

    @Override
    public Refresh refresh(TokenHash presented, TokenHash next, Instant now) {
        long millis = now.toEpochMilli();
        Condition reused = SESSIONS.ID.eq(render.dsl().select(RETIRED_REFRESH_TOKENS.SESSION_ID)
                .from(RETIRED_REFRESH_TOKENS).where(RETIRED_REFRESH_TOKENS.TOKEN_HASH.eq(presented.value())));
        Condition live = SESSIONS.REFRESH_HASH.eq(presented.value()).and(SESSIONS.REVOKED_AT.isNull())
                .and(SESSIONS.EXPIRES_AT.gt(millis));
        // As User.acceptsSessionCreatedAt: the account's cut-off is absent or not after the session's start.
        Condition cutOff = USERS.SESSIONS_VALID_FROM.gt(SESSIONS.CREATED_AT);
        Condition accepted = USERS.SESSIONS_VALID_FROM.isNull().or(cutOff.not());
        List<SqlStatement> statements = new ArrayList<>();
        // A retired hash first (it is retired below too): its session is revoked. Then a live session its
        // account no longer accepts is revoked, and one it accepts rotated; each revocation is logged.
        statements.addAll(revocation(reused, millis));
        statements.addAll(revocation(live.and(ofAccount(cutOff)), millis));
        int rotation = statements.size();
        statements.add(render.statement(render.dsl().update(SESSIONS)
                .set(SESSIONS.REFRESH_HASH, next.value())
                .set(SESSIONS.LAST_USED_AT, millis)
                .where(live).and(ofAccount(accepted))));
        // Matches only once the update installed `next`: both take effect together or not at all.
        statements.add(render.statement(render.dsl().insertInto(RETIRED_REFRESH_TOKENS,
                        RETIRED_REFRESH_TOKENS.TOKEN_HASH, RETIRED_REFRESH_TOKENS.SESSION_ID,
                        RETIRED_REFRESH_TOKENS.RETIRED_AT)
                .select(render.dsl().select(DSL.val(presented.value()), SESSIONS.ID, DSL.val(millis))
                        .from(SESSIONS).where(SESSIONS.REFRESH_HASH.eq(next.value())))));
        // Read back after the changes: the session rotated and its account, the session of a retired
        // hash, and the one a cut-off revoked.
        statements.add(render.statement(render.dsl().selectFrom(SESSIONS).where(SESSIONS.REFRESH_HASH.eq(next.value()))));
        statements.add(render.statement(render.dsl().selectFrom(USERS).where(USERS.ID.eq(render.dsl()
                .select(SESSIONS.USER_ID).from(SESSIONS).where(SESSIONS.REFRESH_HASH.eq(next.value()))))));
        statements.add(render.statement(render.dsl().select(SESSIONS.ID).from(SESSIONS).where(reused)));
        statements.add(render.statement(render.dsl().select(SESSIONS.ID).from(SESSIONS)
                .where(SESSIONS.REFRESH_HASH.eq(presented.value()))));
        List<SqlResult> results = sql.write(statements);
        int read = rotation + 2;
        if (results.get(rotation).changes() == 1) {
            Optional<Session> session = results.get(read).firstRow().map(SqlSessionRepository::toSession);
            Optional<User> user = results.get(read + 1).firstRow().map(SqlUserRepository::toUser);
            if (session.isPresent() && user.isPresent()) {
                return new Refresh.Rotated(session.get(), user.get());
            }
            // Rotated, but the answer was lost and the session rotated again since: as a stale token.
            return new Refresh.Refused(Optional.empty());
        }
        Optional<SessionId> family = results.get(read + 2).firstRow().map(SqlSessionRepository::id);
        if (family.isPresent()) {
            return new Refresh.Reused(family.get(), results.get(1).changes() == 1);
        }
        return new Refresh.Refused(results.get(3).changes() == 1
                ? results.get(read + 3).firstRow().map(SqlSessionRepository::id) : Optional.empty());
    }

    /** The session's account exists and meets {@code condition}. */
    private Condition ofAccount(Condition condition) {
        return DSL.exists(render.dsl().selectOne().from(USERS).where(USERS.ID.eq(SESSIONS.USER_ID)).and(condition));
    }

    /**
     * The sessions {@code which} selects, unrevoked, revoked at {@code millis}: the log entry first (it only
     * matches while the session is unrevoked), then the revocation; in one unit both happen or neither.
     */
    private List<SqlStatement> revocation(Condition which, long millis) {
        Condition unrevoked = which.and(SESSIONS.REVOKED_AT.isNull());
        return List.of(
                render.statement(render.dsl().insertInto(SESSION_REVOCATIONS,
                                SESSION_REVOCATIONS.SESSION_ID, SESSION_REVOCATIONS.REVOKED_AT)
                        .select(render.dsl().select(SESSIONS.ID, DSL.val(millis)).from(SESSIONS).where(unrevoked))),
                render.statement(render.dsl().update(SESSIONS).set(SESSIONS.REVOKED_AT, millis).where(unrevoked)));
    }

    private static SessionId id(SqlRow row) {
        return new SessionId(row.text(SESSIONS.ID.getName()));
    }

    @Override
    public boolean revoke(SessionId id, Instant now) {
        return sql.write(revocation(SESSIONS.ID.eq(id.value()), now.toEpochMilli())).get(1).changes() == 1;
    }

    @Override
    public List<SessionId> revokeAllOf(UserId user, Optional<SessionId> except, Instant now) {
        long millis = now.toEpochMilli();
        Condition ending = SESSIONS.USER_ID.eq(user.value()).and(SESSIONS.REVOKED_AT.isNull())
                .and(except.map(kept -> SESSIONS.ID.ne(kept.value())).orElse(DSL.trueCondition()));
        // Logged, then revoked, then read back by the revocation time this call wrote, in one atomic unit.
        List<SqlResult> results = sql.write(List.of(
                render.statement(render.dsl().insertInto(SESSION_REVOCATIONS,
                                SESSION_REVOCATIONS.SESSION_ID, SESSION_REVOCATIONS.REVOKED_AT)
                        .select(render.dsl().select(SESSIONS.ID, DSL.val(millis)).from(SESSIONS).where(ending))),
                render.statement(render.dsl().select(SESSIONS.ID).from(SESSIONS).where(ending)),
                render.statement(render.dsl().update(SESSIONS).set(SESSIONS.REVOKED_AT, millis).where(ending))));
        return results.get(1).rows().stream().map(row -> new SessionId(row.text(SESSIONS.ID.getName()))).toList();
    }

    @Override
    public List<Session> listActive(UserId user, Instant now) {
        return sql.read(render.statement(render.dsl().selectFrom(SESSIONS)
                        .where(SESSIONS.USER_ID.eq(user.value()))
                        .and(SESSIONS.REVOKED_AT.isNull())
                        .and(SESSIONS.EXPIRES_AT.gt(now.toEpochMilli()))
                        .orderBy(SESSIONS.CREATED_AT.desc(), SESSIONS.ID.desc())
                        .limit(MAX_LISTED)))
                .rows().stream().map(SqlSessionRepository::toSession).toList();
    }

    @Override
    public List<RevokedSession> revokedSince(Instant since) {
        return revocations(SESSION_REVOCATIONS.REVOKED_AT.ge(since.toEpochMilli()), Integer.MAX_VALUE);
    }

    @Override
    public List<RevokedSession> revokedAfter(long sequence, int max) {
        return revocations(SESSION_REVOCATIONS.SEQ.coerce(Long.class).gt(sequence), max);
    }

    private List<RevokedSession> revocations(Condition condition, int max) {
        return sql.read(render.statement(render.dsl()
                        .select(SESSION_REVOCATIONS.SEQ, SESSION_REVOCATIONS.SESSION_ID, SESSION_REVOCATIONS.REVOKED_AT)
                        .from(SESSION_REVOCATIONS)
                        .where(condition)
                        .orderBy(SESSION_REVOCATIONS.SEQ)
                        .limit(max)))
                .rows().stream()
                .map(row -> new RevokedSession(new SessionId(row.text(SESSION_REVOCATIONS.SESSION_ID.getName())),
                        Instant.ofEpochMilli(row.integer(SESSION_REVOCATIONS.REVOKED_AT.getName())),
                        row.integer(SESSION_REVOCATIONS.SEQ.getName())))
                .toList();
    }

    private Optional<Session> findOne(Condition condition) {
        return sql.read(render.statement(render.dsl().selectFrom(SESSIONS).where(condition)))
                .firstRow().map(SqlSessionRepository::toSession);
    }

    private static Session toSession(SqlRow row) {
        return new Session(
                new SessionId(row.text(SESSIONS.ID.getName())),
                new UserId(row.text(SESSIONS.USER_ID.getName())),
                Instant.ofEpochMilli(row.integer(SESSIONS.CREATED_AT.getName())),
                Instant.ofEpochMilli(row.integer(SESSIONS.LAST_USED_AT.getName())),
                Instant.ofEpochMilli(row.integer(SESSIONS.EXPIRES_AT.getName())),
                row.optionalInteger(SESSIONS.REVOKED_AT.getName()).map(Instant::ofEpochMilli),
                row.text(SESSIONS.USER_AGENT.getName()),
                row.text(SESSIONS.IP.getName()));
    }
}
