package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.Migration;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareSettings;
import dev.prompttracker.cloudflare.Sleeper;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** D1 specifics behind the seam: atomic batches, its type and size rules, its errors, and no blind write retries. */
class D1SqlExecutorTest {
    private static final String DATABASE = "db-under-test";
    @TempDir
    Path folder;
    private CloudflareStandIn standIn;
    private D1SqlExecutor d1;

    @BeforeEach
    void start() {
        standIn = CloudflareStandIn.start("acc", "tok", Clock.systemUTC(), folder);
        standIn.d1().create(DATABASE);
        d1 = new D1SqlExecutor(standIn.client(Clock.systemUTC()), DATABASE);
        d1.executeScript("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER);"
                + "CREATE TABLE child (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES t (id))");
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private long count() {
        return d1.read(SqlStatement.of("SELECT count(*) AS n FROM t")).firstRow().orElseThrow().integer("n");
    }

    private long queryCalls() {
        return standIn.journal().stream().filter(r -> r.path().endsWith("/query")).count();
    }

    @Test
    void aUnitOfWorkIsOneCallAndAllOrNothing() {
        standIn.clearJournal();
        assertThatThrownBy(() -> d1.write(List.of(
                SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "a", 1),
                SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "a", 2))))
                .isInstanceOfSatisfying(SqlConstraintViolation.class,
                        e -> assertThat(e.kind()).isEqualTo(SqlConstraintViolation.Kind.UNIQUE));
        assertThat(queryCalls()).isEqualTo(1);
        assertThat(count()).isZero();
        assertThatThrownBy(() -> d1.write(SqlStatement.of("INSERT INTO child (id, parent) VALUES ('c', 'none')")))
                .isInstanceOfSatisfying(SqlConstraintViolation.class,
                        e -> assertThat(e.kind()).isEqualTo(SqlConstraintViolation.Kind.FOREIGN_KEY));
    }

    @Test
    void keepsToD1sTypeAndSizeRules() {
        assertThatThrownBy(() -> d1.write(SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "big", 1L << 54)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^53");
        d1.write(SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "max", (1L << 53) - 1));
        assertThat(d1.read(SqlStatement.of("SELECT n FROM t WHERE id = 'max'")).firstRow().orElseThrow().integer("n"))
                .isEqualTo((1L << 53) - 1);
        assertThatThrownBy(() -> d1.write(SqlStatement.of("BEGIN TRANSACTION"))).isInstanceOf(IllegalArgumentException.class);
        Object[] tooMany = new Object[101];
        java.util.Arrays.fill(tooMany, 1);
        assertThatThrownBy(() -> d1.read(SqlStatement.of("SELECT 1", tooMany))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d1.read(SqlStatement.of("SELECT '" + "x".repeat(100_001) + "'")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWriteIsSentOnceEvenWhenTheAnswerIsLostAndReadsAreRetried() {
        standIn.clearJournal();
        standIn.faults().next("POST", "/query", Fault.answerLost());
        assertThatThrownBy(() -> d1.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('lost', 1)")))
                .isInstanceOf(Unavailable.class);
        assertThat(queryCalls()).isEqualTo(1);
        assertThat(count()).as("the write did commit; only its answer was lost").isEqualTo(1);

        standIn.clearJournal();
        standIn.faults().next("POST", "/query", Fault.serverError(503));
        assertThat(count()).isEqualTo(1);
        assertThat(queryCalls()).isEqualTo(2);
    }

    @Test
    void rateLimitsAndMissingDatabasesBecomeDomainErrors() {
        standIn.faults().next("POST", "/query", Fault.rateLimited(120));
        assertThatThrownBy(this::count).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        D1SqlExecutor missing = new D1SqlExecutor(new CloudflareClient(new CloudflareSettings(standIn.baseUrl(), "acc",
                "tok", Duration.ofSeconds(5), 10, Duration.ofMinutes(5), 10, 1), Clock.systemUTC(), Sleeper.REAL,
                CallListener.NONE), "no-such-db");
        assertThatThrownBy(() -> missing.read(SqlStatement.of("SELECT 1"))).isInstanceOf(Unavailable.class)
                .hasMessageContaining("D1_DATABASE_ID");
    }

    @Test
    void migratesLikeWranglerIntoTheSameTable() {
        List<String> applied = new Migrator(d1).apply(MigrationSource.fromClasspath());
        assertThat(applied).contains("0001_prompt_tracker.sql", "0002_content_product.sql");
        assertThat(new Migrator(d1).apply(MigrationSource.fromClasspath())).isEmpty();
        assertThat(d1.read(SqlStatement.of("SELECT name FROM d1_migrations ORDER BY id")).rows())
                .extracting(r -> r.text("name")).containsExactlyElementsOf(applied);
        assertThatThrownBy(() -> new Migrator(d1).apply(List.of(new Migration("0099_broken.sql",
                "CREATE TABLE half (id TEXT);\nCREATE TABLE broken (;"))))
                .isInstanceOf(Migrator.MigrationFailed.class);
        assertThat(d1.read(SqlStatement.of("SELECT name FROM sqlite_master WHERE name = 'half'")).rows()).isEmpty();
    }
}
