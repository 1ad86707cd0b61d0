package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.application.port.out.AccessLogRepository;
import dev.prompttracker.domain.access.AccessType;
import dev.prompttracker.domain.access.ContentAccess;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.user.Email;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.prompttracker.adapter.d1.jooq.Tables.CONTENT_ACCESS_LOGS;

/** The append-only {@code content_access_logs}: this class only inserts and reads. */
public final class SqlAccessLogRepository implements AccessLogRepository {
    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqlAccessLogRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public void append(ContentAccess e) {
        sql.write(render.statement(render.dsl().insertInto(CONTENT_ACCESS_LOGS)
                .set(CONTENT_ACCESS_LOGS.ID, e.id())
                .set(CONTENT_ACCESS_LOGS.EMAIL, e.email().value())
                .set(CONTENT_ACCESS_LOGS.CHAPTER_NUMBER, e.chapter().value())
                .set(CONTENT_ACCESS_LOGS.ACCESS_TYPE, e.type().name())
                .set(CONTENT_ACCESS_LOGS.IP_ADDRESS, e.ip())
                .set(CONTENT_ACCESS_LOGS.USER_AGENT, e.userAgent())
                .set(CONTENT_ACCESS_LOGS.CREATED_AT, e.at().toEpochMilli())));
    }

    @Override
    public Page<ContentAccess> list(AccessLogFilter filter, PageRequest page) {
        Condition condition = DSL.trueCondition();
        if (filter.chapter().isPresent()) {
            condition = condition.and(CONTENT_ACCESS_LOGS.CHAPTER_NUMBER.eq(filter.chapter().get().value()));
        }
        if (filter.from().isPresent()) {
            condition = condition.and(CONTENT_ACCESS_LOGS.CREATED_AT.ge(filter.from().get().toEpochMilli()));
        }
        if (filter.to().isPresent()) {
            condition = condition.and(CONTENT_ACCESS_LOGS.CREATED_AT.lt(filter.to().get().toEpochMilli()));
        }
        if (page.after().isPresent()) {
            PageCursor after = page.after().get();
            long millis = after.at().toEpochMilli();
            condition = condition.and(CONTENT_ACCESS_LOGS.CREATED_AT.lt(millis)
                    .or(CONTENT_ACCESS_LOGS.CREATED_AT.eq(millis).and(CONTENT_ACCESS_LOGS.ID.lt(after.id()))));
        }
        int size = page.size().value();
        List<ContentAccess> rows = sql.read(render.statement(render.dsl().selectFrom(CONTENT_ACCESS_LOGS)
                        .where(condition)
                        .orderBy(CONTENT_ACCESS_LOGS.CREATED_AT.desc(), CONTENT_ACCESS_LOGS.ID.desc())
                        .limit(size + 1)))
                .rows().stream().map(SqlAccessLogRepository::toEntry).toList();
        List<ContentAccess> items = rows.stream().limit(size).toList();
        Optional<PageCursor> next = rows.size() > size
                ? Optional.of(new PageCursor(items.getLast().at(), items.getLast().id()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private static ContentAccess toEntry(SqlRow row) {
        return new ContentAccess(
                row.text(CONTENT_ACCESS_LOGS.ID.getName()),
                new Email(row.text(CONTENT_ACCESS_LOGS.EMAIL.getName())),
                ChapterNumber.of((int) row.integer(CONTENT_ACCESS_LOGS.CHAPTER_NUMBER.getName())),
                AccessType.valueOf(row.text(CONTENT_ACCESS_LOGS.ACCESS_TYPE.getName())),
                row.text(CONTENT_ACCESS_LOGS.IP_ADDRESS.getName()),
                row.text(CONTENT_ACCESS_LOGS.USER_AGENT.getName()),
                Instant.ofEpochMilli(row.integer(CONTENT_ACCESS_LOGS.CREATED_AT.getName())));
    }
}
