package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.Migration;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.repository.SqlSessionRepository;
import dev.prompttracker.adapter.d1.repository.SqlUserRepository;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqliteSqlExecutor;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 0003 on a database written by the version before it: accounts start unproven except those
 * that signed in by magic link, and a password account proven that way loses the password set before
 * any proof and every session, as a proof does from now on.
 */
class ProvenEmailMigrationTest {
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    @TempDir
    Path folder;
    private SqlExecutor sql;

    @AfterEach
    void close() {
        sql.close();
    }

    @Test
    void marksAccountsProvenOnlyWhereAMagicLinkSignInShowsIt() {
        sql = SqliteSqlExecutor.open(folder.resolve("old.sqlite"), 1);
        // Up to this migration: later ones have their own tests.
        List<Migration> all = MigrationSource.fromClasspath().stream().filter(m -> m.name().compareTo("0004") < 0)
                .toList();
        List<Migration> before = all.stream().filter(m -> m.name().compareTo("0003") < 0).toList();
        new Migrator(sql).apply(before);
        insertUser("00000000-0000-4000-8000-000000000001", "reader", "reader@example.com", null, "USER");
        insertUser("00000000-0000-4000-8000-000000000002", "writer", "writer@example.com", "$argon2id$hash", "ADMIN");
        insertUser("00000000-0000-4000-8000-000000000003", "both", "both@example.com", "$argon2id$both", "USER");
        insertLink("both@example.com", T0 + 5_000);
        insertLink("writer@example.com", null);
        insertSession("00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-000000000002", null);
        insertSession("00000000-0000-4000-8000-0000000000b1", "00000000-0000-4000-8000-000000000003", null);
        insertSession("00000000-0000-4000-8000-0000000000b2", "00000000-0000-4000-8000-000000000003", T0 + 1_000);

        assertThat(new Migrator(sql).apply(all)).containsExactly("0003_proven_email.sql");

        SqlUserRepository users = new SqlUserRepository(sql);
        User linkOnly = users.findById(new UserId("00000000-0000-4000-8000-000000000001")).orElseThrow();
        assertThat(linkOnly.emailVerified()).isTrue();
        User passwordOnly = users.findById(new UserId("00000000-0000-4000-8000-000000000002")).orElseThrow();
        assertThat(passwordOnly.emailVerified()).as("an unused link proves nothing").isFalse();
        assertThat(passwordOnly.passwordHash()).isPresent();
        User both = users.findById(new UserId("00000000-0000-4000-8000-000000000003")).orElseThrow();
        assertThat(both.emailVerifiedAt()).contains(Instant.ofEpochMilli(T0 + 5_000));
        assertThat(both.passwordHash()).isEmpty();
        assertThat(both.sessionsValidFrom()).isPresent();

        SqlSessionRepository sessions = new SqlSessionRepository(sql);
        Instant now = Instant.ofEpochMilli(T0 + 10_000);
        assertThat(sessions.listActive(new UserId("00000000-0000-4000-8000-000000000002"), now)).hasSize(1);
        assertThat(sessions.listActive(new UserId("00000000-0000-4000-8000-000000000003"), now)).isEmpty();
        assertThat(sessions.revokedAfter(0, 100)).extracting(SessionRepository.RevokedSession::id)
                .as("revocations before the migration come first, in their order")
                .containsExactly(new SessionId("00000000-0000-4000-8000-0000000000b2"), new SessionId("00000000-0000-4000-8000-0000000000b1"));
    }

    private void insertUser(String id, String username, String email, String hash, String role) {
        sql.write(SqlStatement.of("INSERT INTO users (id, username, username_key, email, password_hash, role, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, username, username, email, hash, role,
                T0, T0));
    }

    private void insertLink(String email, Long usedAt) {
        sql.write(SqlStatement.of("INSERT INTO magic_links (token_hash, email, purpose, issued_at, expires_at, used_at) "
                + "VALUES (?, ?, 'LOGIN', ?, ?, ?)", email + "-hash", email, T0, T0 + 900_000, usedAt));
    }

    private void insertSession(String id, String userId, Long revokedAt) {
        sql.write(SqlStatement.of("INSERT INTO sessions (id, user_id, refresh_hash, created_at, last_used_at, "
                + "expires_at, revoked_at, user_agent, ip) VALUES (?, ?, ?, ?, ?, ?, ?, 'JUnit', '127.0.0.1')", id, userId,
                id + "-hash", T0, T0, T0 + 86_400_000L, revokedAt));
    }
}
