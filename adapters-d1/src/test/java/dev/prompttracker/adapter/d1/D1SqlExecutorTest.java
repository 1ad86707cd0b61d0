package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.Migration;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlResult;
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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** D1 specifics behind the seam: atomic batches, its type and size rules, its errors, and writes made once however often sent. */
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
        d1.executeScript(MigrationSource.fromClasspath().stream()
                .filter(migration -> migration.name().startsWith("0008_")).findFirst().orElseThrow().sql());
        // The first write looks once for the receipts' table.
        d1.write(SqlStatement.of("DELETE FROM t"));
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
    void aWriteWhoseAnswerIsLostIsSentAgainAndMadeOnce() {
        standIn.clearJournal();
        standIn.faults().next("POST", "/query", Fault.answerLost());
        SqlResult result = d1.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('lost', 1)"));
        assertThat(queryCalls()).as("sent again with the same receipt, then its outcome read").isEqualTo(3);
        assertThat(count()).as("made once").isEqualTo(1);
        assertThat(result.changes()).as("its count of changed rows, from the receipt").isEqualTo(1);

        standIn.faults().next("POST", "/query", Fault.serverError(503));
        assertThat(d1.write(SqlStatement.of("UPDATE t SET n = n + 1 WHERE id = 'lost'")).changes())
                .as("refused before it ran, so sent again and answered").isEqualTo(1);
        assertThat(d1.read(SqlStatement.of("SELECT n FROM t")).firstRow().orElseThrow().integer("n")).isEqualTo(2);

        standIn.clearJournal();
        standIn.faults().next("POST", "/query", Fault.serverError(503));
        assertThat(count()).isEqualTo(1);
        assertThat(queryCalls()).isEqualTo(2);
    }

    @Test
    void aLostAnswerIsRebuiltStatementByStatement() {
        d1.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('a', 1), ('b', 1), ('c', 5)"));
        standIn.faults().next("POST", "/query", Fault.answerLost());
        List<SqlResult> results = d1.write(List.of(
                SqlStatement.of("SELECT sum(n) AS total FROM t"),
                SqlStatement.of("UPDATE t SET n = n + 1 WHERE n = 1"),
                SqlStatement.of("UPDATE t SET n = 0 WHERE id = 'nobody'"),
                SqlStatement.of("DELETE FROM t WHERE id = 'c' RETURNING n"),
                SqlStatement.of("SELECT id, n FROM t ORDER BY id")));
        assertThatThrownBy(() -> results.get(0).rows()).as("a query that saw the batch half-made")
                .isInstanceOf(Unavailable.class).hasMessageContaining("saved");
        assertThat(results.get(1).changes()).as("a conditional update that matched two rows").isEqualTo(2);
        assertThat(results.get(2).changes()).as("one that matched none").isZero();
        assertThat(results.get(3).changes()).isEqualTo(1);
        assertThatThrownBy(() -> results.get(3).rows()).as("RETURNING rows went with the answer")
                .isInstanceOf(Unavailable.class).hasMessageContaining("saved");
        assertThat(results.get(4).rows()).as("the read-back at the end, run again")
                .extracting(row -> row.text("id")).containsExactly("a", "b");
        assertThat(count()).as("the delete made once").isEqualTo(2);
    }

    @Test
    void aQueryBeforeWritesThatChangedNothingIsAnsweredAfterALostAnswer() {
        d1.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('a', 1)"));
        standIn.faults().next("POST", "/query", Fault.answerLost());
        List<SqlResult> results = d1.write(List.of(
                SqlStatement.of("SELECT n FROM t WHERE id = 'a'"),
                SqlStatement.of("INSERT INTO t (id, n) VALUES ('a', 9) ON CONFLICT DO NOTHING")));
        assertThat(results.get(0).firstRow().orElseThrow().integer("n")).isEqualTo(1);
        assertThat(results.get(1).changes()).isZero();
    }

    @Test
    void receiptsOlderThanTheRetentionAreDeletedAsWritesGoOn() {
        d1.write(SqlStatement.of("INSERT INTO write_receipts (id, written_at) VALUES ('ancient', 0)"));
        for (int i = 0; i < 70; i++) {
            d1.write(SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "row" + i, i));
        }
        assertThat(d1.read(SqlStatement.of("SELECT count(*) AS n FROM write_receipts WHERE id = 'ancient'"))
                .firstRow().orElseThrow().integer("n")).isZero();
        assertThat(d1.read(SqlStatement.of("SELECT count(*) AS n FROM write_receipts")).firstRow().orElseThrow()
                .integer("n")).isGreaterThanOrEqualTo(70);
    }

    @Test
    void eachCallReportsTheRowsAndTheTimeD1Gives() {
        List<String> reported = new CopyOnWriteArrayList<>();
        CallListener listener = new CallListener() {
            @Override
            public void onCall(String service, String operation, int status) {
            }

            @Override
            public void onD1Rows(long read, long written) {
                reported.add("rows " + read + "/" + written);
            }

            @Override
            public void onD1Time(double sqlMillis) {
                reported.add(String.format(Locale.ROOT, "time %.1f", sqlMillis));
            }
        };
        D1SqlExecutor counted = new D1SqlExecutor(new CloudflareClient(new CloudflareSettings(standIn.baseUrl(), "acc",
                "tok", Duration.ofSeconds(5), 10, Duration.ofMinutes(5), 10, 1), Clock.systemUTC(), Sleeper.REAL,
                listener), DATABASE);

        counted.read(List.of(SqlStatement.of("SELECT 1"), SqlStatement.of("SELECT 2")));

        // The stand-in reports 0.1 ms for each statement, and rows as D1 does.
        assertThat(reported).containsExactly("rows 0/0", "time 0.2");
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
        standIn.d1().create("fresh");
        D1SqlExecutor d1 = new D1SqlExecutor(standIn.client(Clock.systemUTC()), "fresh");
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
