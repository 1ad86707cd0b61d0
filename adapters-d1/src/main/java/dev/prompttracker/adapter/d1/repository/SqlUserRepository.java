package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;
import org.jooq.Condition;

import java.time.Instant;
import java.util.Optional;

import static dev.prompttracker.adapter.d1.jooq.Tables.USERS;

/** Accounts in the {@code users} table, on any {@link SqlExecutor} (local SQLite or D1). */
public final class SqlUserRepository implements UserRepository {
    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqlUserRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public void create(User user) {
        try {
            sql.write(insert(render, user));
        } catch (SqlConstraintViolation violation) {
            throw conflict(violation);
        }
    }

    /** The insert of a new account. */
    static SqlStatement insert(SqlRenderer render, User user) {
        return render.statement(render.dsl().insertInto(USERS)
                .set(USERS.ID, user.id().value())
                .set(USERS.USERNAME, user.username().value())
                .set(USERS.USERNAME_KEY, user.username().key())
                .set(USERS.EMAIL, user.email().value())
                .set(USERS.PASSWORD_HASH, user.passwordHash().map(PasswordHash::value).orElse(null))
                .set(USERS.EMAIL_VERIFIED_AT, millis(user.emailVerifiedAt()))
                .set(USERS.SESSIONS_VALID_FROM, millis(user.sessionsValidFrom()))
                .set(USERS.CREATED_AT, user.createdAt().toEpochMilli())
                .set(USERS.UPDATED_AT, user.updatedAt().toEpochMilli()));
    }

    /** What a unique violation of an account's insert means to the caller. */
    static Conflict conflict(SqlConstraintViolation violation) {
        if (violation.concerns("users.email")) {
            return new Conflict("this email is already registered");
        }
        if (violation.concerns("users.username_key")) {
            return new Conflict("this username is already taken");
        }
        return new Conflict("this account already exists");
    }

    @Override
    public Optional<User> findById(UserId id) {
        return findOne(USERS.ID.eq(id.value()));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return findOne(USERS.EMAIL.eq(email.value()));
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return findOne(USERS.USERNAME_KEY.eq(username.key()));
    }

    @Override
    public boolean recordEmailProof(User proven) {
        return sql.write(render.statement(render.dsl().update(USERS)
                .set(USERS.EMAIL_VERIFIED_AT, millis(proven.emailVerifiedAt()))
                .set(USERS.PASSWORD_HASH, proven.passwordHash().map(PasswordHash::value).orElse(null))
                .set(USERS.SESSIONS_VALID_FROM, millis(proven.sessionsValidFrom()))
                .set(USERS.UPDATED_AT, proven.updatedAt().toEpochMilli())
                .where(USERS.ID.eq(proven.id().value()))
                .and(USERS.EMAIL_VERIFIED_AT.isNull()))).changes() == 1;
    }

    private static Long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(null);
    }

    private Optional<User> findOne(Condition condition) {
        return sql.read(render.statement(render.dsl().selectFrom(USERS).where(condition)))
                .firstRow().map(SqlUserRepository::toUser);
    }

    static User toUser(SqlRow row) {
        return new User(
                new UserId(row.text(USERS.ID.getName())),
                new Username(row.text(USERS.USERNAME.getName())),
                new Email(row.text(USERS.EMAIL.getName())),
                row.optionalText(USERS.PASSWORD_HASH.getName()).map(PasswordHash::new),
                row.optionalInteger(USERS.EMAIL_VERIFIED_AT.getName()).map(Instant::ofEpochMilli),
                row.optionalInteger(USERS.SESSIONS_VALID_FROM.getName()).map(Instant::ofEpochMilli),
                Instant.ofEpochMilli(row.integer(USERS.CREATED_AT.getName())),
                Instant.ofEpochMilli(row.integer(USERS.UPDATED_AT.getName())));
    }
}
