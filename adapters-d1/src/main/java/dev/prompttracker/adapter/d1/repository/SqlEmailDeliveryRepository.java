package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.domain.id.Uuids;
import dev.prompttracker.domain.user.Email;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;

import static dev.prompttracker.adapter.d1.jooq.Tables.EMAIL_DELIVERIES;
import static dev.prompttracker.adapter.d1.jooq.Tables.SUBSCRIBERS;

/** Sent email jobs in {@code email_deliveries}, and the counters on {@code subscribers}. */
public final class SqlEmailDeliveryRepository implements EmailDeliveryRepository {
    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqlEmailDeliveryRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public boolean wasSent(String jobId) {
        return sql.read(render.statement(render.dsl().selectOne().from(EMAIL_DELIVERIES)
                .where(EMAIL_DELIVERIES.JOB_ID.eq(jobId)))).firstRow().isPresent();
    }

    @Override
    public void recordSent(String jobId, Email to, Instant at) {
        // The counter moves only if this call's row (with its own nonce) is the one that was inserted,
        // so repeating the unit, even on a store without transactions, counts the email once.
        String nonce = Uuids.random();
        long millis = at.toEpochMilli();
        sql.write(List.of(
                render.statement(render.dsl().insertInto(EMAIL_DELIVERIES)
                        .set(EMAIL_DELIVERIES.JOB_ID, jobId)
                        .set(EMAIL_DELIVERIES.EMAIL, to.value())
                        .set(EMAIL_DELIVERIES.NONCE, nonce)
                        .set(EMAIL_DELIVERIES.SENT_AT, millis)
                        .onConflict(EMAIL_DELIVERIES.JOB_ID).doNothing()),
                render.statement(render.dsl().update(SUBSCRIBERS)
                        .set(SUBSCRIBERS.EMAILS_SENT, SUBSCRIBERS.EMAILS_SENT.plus(1))
                        .set(SUBSCRIBERS.LAST_EMAIL_SENT, millis)
                        .where(SUBSCRIBERS.EMAIL.eq(to.value()))
                        .and(DSL.exists(render.dsl().selectOne().from(EMAIL_DELIVERIES)
                                .where(EMAIL_DELIVERIES.JOB_ID.eq(jobId))
                                .and(EMAIL_DELIVERIES.NONCE.eq(nonce)))))));
    }
}
