package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.prompttracker.adapter.d1.jooq.Tables.RETIRED_REFRESH_TOKENS;
import static dev.prompttracker.adapter.d1.jooq.Tables.SESSIONS;

/** Sessions and refresh-token hashes in {@code sessions} and {@code retired_refresh_tokens}. */
public final class SqliteSessionRepository implements SessionRepository {
    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqliteSessionRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public void create(Session session, TokenHash refreshHash) {
        sql.write(render.statement(render.dsl().insertInto(SESSIONS)
                .set(SESSIONS.ID, session.id().value())
                .set(SESSIONS.USER_ID, session.userId().value())
                .set(SESSIONS.REFRESH_HASH, refreshHash.value())
                .set(SESSIONS.CREATED_AT, session.createdAt().toEpochMilli())
                .set(SESSIONS.LAST_USED_AT, session.lastUsedAt().toEpochMilli())
                .set(SESSIONS.EXPIRES_AT, session.expiresAt().toEpochMilli())
                .set(SESSIONS.REVOKED_AT, session.revokedAt().map(Instant::toEpochMilli).orElse(null))
                .set(SESSIONS.USER_AGENT, session.userAgent())
                .set(SESSIONS.IP, session.ip())));
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
        return sql.write(render.statement(render.dsl().update(SESSIONS)
                .set(SESSIONS.REVOKED_AT, now.toEpochMilli())
                .where(SESSIONS.ID.eq(id.value()))
                .and(SESSIONS.REVOKED_AT.isNull()))).changes() == 1;
    }

    @Override
    public List<Session> listActive(UserId user, Instant now) {
        return sql.read(render.statement(render.dsl().selectFrom(SESSIONS)
                        .where(SESSIONS.USER_ID.eq(user.value()))
                        .and(SESSIONS.REVOKED_AT.isNull())
                        .and(SESSIONS.EXPIRES_AT.gt(now.toEpochMilli()))
                        .orderBy(SESSIONS.CREATED_AT.desc(), SESSIONS.ID.desc())
                        .limit(MAX_LISTED)))
                .rows().stream().map(SqliteSessionRepository::toSession).toList();
    }

    @Override
    public List<RevokedSession> revokedSince(Instant since) {
        return sql.read(render.statement(render.dsl().select(SESSIONS.ID, SESSIONS.REVOKED_AT)
                        .from(SESSIONS)
                        .where(SESSIONS.REVOKED_AT.ge(since.toEpochMilli()))))
                .rows().stream()
                .map(row -> new RevokedSession(new SessionId(row.text(SESSIONS.ID.getName())),
                        Instant.ofEpochMilli(row.integer(SESSIONS.REVOKED_AT.getName()))))
                .toList();
    }

    private Optional<Session> findOne(Condition condition) {
        return sql.read(render.statement(render.dsl().selectFrom(SESSIONS).where(condition)))
                .firstRow().map(SqliteSessionRepository::toSession);
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
