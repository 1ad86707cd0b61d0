package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.prompttracker.adapter.d1.jooq.Tables.RETIRED_REFRESH_TOKENS;
import static dev.prompttracker.adapter.d1.jooq.Tables.SESSION_REVOCATIONS;
import static dev.prompttracker.adapter.d1.jooq.Tables.SESSIONS;

/** Sessions and refresh-token hashes in {@code sessions} and {@code retired_refresh_tokens}. */
public final class SqlSessionRepository implements SessionRepository {
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
    public boolean rotate(SessionId id, TokenHash current, TokenHash next, Instant now) {
        long millis = now.toEpochMilli();
        // The retirement insert only matches once the update has installed `next`, so both
        // statements take effect together or not at all, also where there are no transactions (D1).
        List<SqlResult> results = sql.write(List.of(
                render.statement(render.dsl().update(SESSIONS)
                        .set(SESSIONS.REFRESH_HASH, next.value())
                        .set(SESSIONS.LAST_USED_AT, millis)
                        .where(SESSIONS.ID.eq(id.value()))
                        .and(SESSIONS.REFRESH_HASH.eq(current.value()))
                        .and(SESSIONS.REVOKED_AT.isNull())
                        .and(SESSIONS.EXPIRES_AT.gt(millis))),
                render.statement(render.dsl().insertInto(RETIRED_REFRESH_TOKENS,
                                RETIRED_REFRESH_TOKENS.TOKEN_HASH, RETIRED_REFRESH_TOKENS.SESSION_ID,
                                RETIRED_REFRESH_TOKENS.RETIRED_AT)
                        .select(render.dsl().select(DSL.val(current.value()), SESSIONS.ID, DSL.val(millis))
                                .from(SESSIONS)
                                .where(SESSIONS.ID.eq(id.value()))
                                .and(SESSIONS.REFRESH_HASH.eq(next.value()))))));
        return results.getFirst().changes() == 1;
    }

    @Override
    public boolean revoke(SessionId id, Instant now) {
        long millis = now.toEpochMilli();
        // The log entry first, matching only while the session is unrevoked; then the revocation itself.
        // One atomic unit (a transaction on SQLite, a batch on D1): both happen or neither.
        List<SqlResult> results = sql.write(List.of(
                render.statement(render.dsl().insertInto(SESSION_REVOCATIONS,
                                SESSION_REVOCATIONS.SESSION_ID, SESSION_REVOCATIONS.REVOKED_AT)
                        .select(render.dsl().select(SESSIONS.ID, DSL.val(millis))
                                .from(SESSIONS)
                                .where(SESSIONS.ID.eq(id.value()))
                                .and(SESSIONS.REVOKED_AT.isNull()))),
                render.statement(render.dsl().update(SESSIONS)
                        .set(SESSIONS.REVOKED_AT, millis)
                        .where(SESSIONS.ID.eq(id.value()))
                        .and(SESSIONS.REVOKED_AT.isNull()))));
        return results.get(1).changes() == 1;
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
