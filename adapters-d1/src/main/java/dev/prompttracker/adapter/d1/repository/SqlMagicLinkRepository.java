package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.prompttracker.adapter.d1.jooq.Tables.MAGIC_LINKS;

/** Magic links in {@code magic_links}, used by one conditional update and read back in the same batch. */
public final class SqlMagicLinkRepository implements MagicLinkRepository {
    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqlMagicLinkRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public void create(MagicLink.Issued link) {
        try {
            sql.write(render.statement(render.dsl().insertInto(MAGIC_LINKS)
                    .set(MAGIC_LINKS.TOKEN_HASH, link.tokenHash().value())
                    .set(MAGIC_LINKS.EMAIL, link.email().value())
                    .set(MAGIC_LINKS.PURPOSE, link.purpose().name())
                    .set(MAGIC_LINKS.ISSUED_AT, link.issuedAt().toEpochMilli())
                    .set(MAGIC_LINKS.EXPIRES_AT, link.expiresAt().toEpochMilli())));
        } catch (SqlConstraintViolation duplicate) {
            throw new Conflict("this link already exists");
        }
    }

    @Override
    public Optional<MagicLink.Used> consume(TokenHash hash, MagicLinkPurpose purpose, Instant now) {
        long millis = now.toEpochMilli();
        // The link is read back after the update rather than by RETURNING: a query that follows every
        // change of its batch is answered again when a retry finds the batch already made, so a use whose
        // answer was lost still signs in instead of spending the link.
        List<SqlResult> results = sql.write(List.of(
                render.statement(render.dsl().update(MAGIC_LINKS)
                        .set(MAGIC_LINKS.USED_AT, millis)
                        .where(MAGIC_LINKS.TOKEN_HASH.eq(hash.value()))
                        .and(MAGIC_LINKS.USED_AT.isNull())
                        .and(MAGIC_LINKS.EXPIRES_AT.gt(millis))
                        .and(MAGIC_LINKS.PURPOSE.eq(purpose.name()))),
                render.statement(render.dsl().select(MAGIC_LINKS.EMAIL, MAGIC_LINKS.EXPIRES_AT).from(MAGIC_LINKS)
                        .where(MAGIC_LINKS.TOKEN_HASH.eq(hash.value()))
                        .and(MAGIC_LINKS.USED_AT.eq(millis)))));
        if (results.get(0).changes() == 0) {
            return Optional.empty();
        }
        return results.get(1).firstRow()
                .map(row -> new MagicLink.Used(hash, new Email(row.text(MAGIC_LINKS.EMAIL.getName())), purpose,
                        Instant.ofEpochMilli(row.integer(MAGIC_LINKS.EXPIRES_AT.getName())), now));
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return (int) sql.write(render.statement(render.dsl().deleteFrom(MAGIC_LINKS)
                .where(MAGIC_LINKS.EXPIRES_AT.lt(cutoff.toEpochMilli())))).changes();
    }
}
