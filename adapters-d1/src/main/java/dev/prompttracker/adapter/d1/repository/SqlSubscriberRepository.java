package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.subscriber.DiscountCode;
import dev.prompttracker.domain.subscriber.PersonName;
import dev.prompttracker.domain.subscriber.SignupSource;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.subscriber.SubscriberId;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.prompttracker.adapter.d1.jooq.Tables.SUBSCRIBERS;

/** The email list in {@code subscribers}. */
public final class SqlSubscriberRepository implements SubscriberRepository {
    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqlSubscriberRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public Subscriber createIfAbsent(Subscriber s) {
        // One unit: the insert is skipped when the email is taken, and the select returns whoever won.
        var results = sql.write(List.of(
                render.statement(render.dsl().insertInto(SUBSCRIBERS)
                        .set(SUBSCRIBERS.ID, s.id().value())
                        .set(SUBSCRIBERS.EMAIL, s.email().value())
                        .set(SUBSCRIBERS.FIRST_NAME, s.firstName().map(PersonName::value).orElse(null))
                        .set(SUBSCRIBERS.LAST_NAME, s.lastName().map(PersonName::value).orElse(null))
                        .set(SUBSCRIBERS.HAS_ACCESS, s.hasAccess())
                        .set(SUBSCRIBERS.HAS_PURCHASED, s.hasPurchased())
                        .set(SUBSCRIBERS.DISCOUNT_CODE, s.discountCode().map(DiscountCode::value).orElse(null))
                        .set(SUBSCRIBERS.STATE, s.state().name())
                        .set(SUBSCRIBERS.REFERRER, s.source().referrer().orElse(null))
                        .set(SUBSCRIBERS.UTM_SOURCE, s.source().utmSource().orElse(null))
                        .set(SUBSCRIBERS.UTM_MEDIUM, s.source().utmMedium().orElse(null))
                        .set(SUBSCRIBERS.UTM_CAMPAIGN, s.source().utmCampaign().orElse(null))
                        .set(SUBSCRIBERS.EMAILS_SENT, s.emailsSent())
                        .set(SUBSCRIBERS.LAST_EMAIL_SENT, s.lastEmailSent().map(Instant::toEpochMilli).orElse(null))
                        .set(SUBSCRIBERS.VERSION, s.version())
                        .set(SUBSCRIBERS.CREATED_AT, s.createdAt().toEpochMilli())
                        .set(SUBSCRIBERS.UPDATED_AT, s.updatedAt().toEpochMilli())
                        .onConflict(SUBSCRIBERS.EMAIL).doNothing()),
                render.statement(render.dsl().selectFrom(SUBSCRIBERS).where(SUBSCRIBERS.EMAIL.eq(s.email().value())))));
        return results.get(1).firstRow().map(SqlSubscriberRepository::toSubscriber).orElseThrow();
    }

    @Override
    public Optional<Subscriber> findByEmail(Email email) {
        return sql.read(render.statement(render.dsl().selectFrom(SUBSCRIBERS)
                .where(SUBSCRIBERS.EMAIL.eq(email.value())))).firstRow().map(SqlSubscriberRepository::toSubscriber);
    }

    @Override
    public void update(Subscriber revised) {
        // Only the admin's fields: the email counters belong to the delivery log and are never overwritten here.
        // Whether the subscriber is there, read in the same call: a refused update needs no second one.
        List<SqlResult> results = sql.write(List.of(render.statement(render.dsl().update(SUBSCRIBERS)
                .set(SUBSCRIBERS.HAS_ACCESS, revised.hasAccess())
                .set(SUBSCRIBERS.HAS_PURCHASED, revised.hasPurchased())
                .set(SUBSCRIBERS.DISCOUNT_CODE, revised.discountCode().map(DiscountCode::value).orElse(null))
                .set(SUBSCRIBERS.STATE, revised.state().name())
                .set(SUBSCRIBERS.VERSION, revised.version())
                .set(SUBSCRIBERS.UPDATED_AT, revised.updatedAt().toEpochMilli())
                .where(SUBSCRIBERS.EMAIL.eq(revised.email().value()))
                .and(SUBSCRIBERS.VERSION.eq(revised.version() - 1))),
                SqlStatement.of("select 1 as present from subscribers where email = ?", revised.email().value())));
        if (results.getFirst().changes() == 0) {
            if (results.getLast().rows().isEmpty()) {
                throw new NotFound("this email is not subscribed");
            }
            throw new Conflict("the subscriber was changed at the same time; reload and try again");
        }
    }

    @Override
    public Page<Subscriber> list(PageRequest page) {
        Condition condition = DSL.trueCondition();
        if (page.after().isPresent()) {
            PageCursor after = page.after().get();
            long millis = after.at().toEpochMilli();
            condition = SUBSCRIBERS.CREATED_AT.lt(millis)
                    .or(SUBSCRIBERS.CREATED_AT.eq(millis).and(SUBSCRIBERS.ID.lt(after.id())));
        }
        int size = page.size().value();
        List<Subscriber> rows = sql.read(render.statement(render.dsl().selectFrom(SUBSCRIBERS).where(condition)
                        .orderBy(SUBSCRIBERS.CREATED_AT.desc(), SUBSCRIBERS.ID.desc()).limit(size + 1)))
                .rows().stream().map(SqlSubscriberRepository::toSubscriber).toList();
        List<Subscriber> items = rows.stream().limit(size).toList();
        Optional<PageCursor> next = rows.size() > size
                ? Optional.of(new PageCursor(items.getLast().createdAt(), items.getLast().id().value()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    static Subscriber toSubscriber(SqlRow row) {
        return new Subscriber(
                new SubscriberId(row.text(SUBSCRIBERS.ID.getName())),
                new Email(row.text(SUBSCRIBERS.EMAIL.getName())),
                row.optionalText(SUBSCRIBERS.FIRST_NAME.getName()).flatMap(PersonName::sanitize),
                row.optionalText(SUBSCRIBERS.LAST_NAME.getName()).flatMap(PersonName::sanitize),
                row.bool(SUBSCRIBERS.HAS_ACCESS.getName()),
                row.bool(SUBSCRIBERS.HAS_PURCHASED.getName()),
                row.optionalText(SUBSCRIBERS.DISCOUNT_CODE.getName()).map(DiscountCode::new),
                SubscriberState.valueOf(row.text(SUBSCRIBERS.STATE.getName())),
                new SignupSource(row.optionalText(SUBSCRIBERS.REFERRER.getName()),
                        row.optionalText(SUBSCRIBERS.UTM_SOURCE.getName()),
                        row.optionalText(SUBSCRIBERS.UTM_MEDIUM.getName()),
                        row.optionalText(SUBSCRIBERS.UTM_CAMPAIGN.getName())),
                (int) row.integer(SUBSCRIBERS.EMAILS_SENT.getName()),
                row.optionalInteger(SUBSCRIBERS.LAST_EMAIL_SENT.getName()).map(Instant::ofEpochMilli),
                Instant.ofEpochMilli(row.integer(SUBSCRIBERS.CREATED_AT.getName())),
                Instant.ofEpochMilli(row.integer(SUBSCRIBERS.UPDATED_AT.getName())),
                row.integer(SUBSCRIBERS.VERSION.getName()));
    }
}
