package dev.prompttracker.adapter.d1.sql;

import dev.prompttracker.domain.error.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit: units queued behind a running transaction commit together, and each is answered on its own. */
class SqliteGroupCommitTest {
    @TempDir
    Path folder;
    private SqliteSqlExecutor sql;
    // Platform threads: a leader waiting in SQLite's busy handler holds its carrier, which would starve virtual ones.
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        sql = SqliteSqlExecutor.open(folder.resolve("group.sqlite"), 2);
        sql.executeScript("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER);"
                + "CREATE TABLE late (id TEXT PRIMARY KEY,"
                + " parent TEXT REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED);");
        sql.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('taken', 0)"));
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        sql.close();
    }

    @Test
    void concurrentWritersAreAllCommittedAndReadable() throws Exception {
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writers = IntStream.range(0, 32).<Future<?>>mapToObj(w -> virtual.submit(() -> {
                for (int u = 0; u < 50; u++) {
                    // Two rows per unit: a unit is still all or nothing inside a group.
                    sql.write(List.of(insert(w + "-" + u + "-a"), insert(w + "-" + u + "-b")));
                    assertThat(sql.read(SqlStatement.of("SELECT n FROM t WHERE id = ?", w + "-" + u + "-b")).rows())
                            .as("a caller reads its own write once it returns").hasSize(1);
                }
            })).toList();
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        }
        assertThat(count()).isEqualTo(1 + 32 * 50 * 2);
    }

    @Test
    void aUnitBreakingAConstraintInTheMiddleOfAGroupFailsAloneAndTheOthersCommit() throws Exception {
        List<Future<List<SqlResult>>> group = inOneGroup(
                List.of(insert("before")),
                List.of(insert("undone"), insert("taken")),
                List.of(insert("after")));

        assertThat(sql.largestGroup()).isEqualTo(3);
        assertThat(group.get(0).get()).hasSize(1);
        assertThat(group.get(2).get()).hasSize(1);
        assertThatThrownBy(() -> group.get(1).get()).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(SqlConstraintViolation.class,
                        e -> assertThat(e.kind()).isEqualTo(SqlConstraintViolation.Kind.UNIQUE));
        assertThat(ids()).containsExactly("after", "before", "first", "taken");
    }

    @Test
    void aLeaderWhoseOwnUnitFailsStillAnswersItsGroupAndHandsOver() throws Exception {
        List<Future<List<SqlResult>>> group = inOneGroup(List.of(insert("taken")), List.of(insert("follower")));

        assertThat(sql.largestGroup()).isEqualTo(2);
        assertThatThrownBy(() -> group.get(0).get()).cause().isInstanceOf(SqlConstraintViolation.class);
        assertThat(group.get(1).get()).hasSize(1);
        sql.write(insert("next"));
        assertThat(ids()).containsExactly("first", "follower", "next", "taken");
    }

    @Test
    void aFailingCommitFailsEveryCallerOfTheGroupAndKeepsNothing() throws Exception {
        // A deferred foreign key is checked at COMMIT: the unit itself runs, the transaction cannot commit.
        List<Future<List<SqlResult>>> group = inOneGroup(
                List.of(insert("innocent")),
                List.of(SqlStatement.of("INSERT INTO late (id, parent) VALUES ('orphan', 'missing')")),
                List.of(insert("bystander")));

        assertThat(sql.largestGroup()).isEqualTo(3);
        for (Future<List<SqlResult>> unit : group) {
            assertThatThrownBy(unit::get).cause().isInstanceOfSatisfying(SqlConstraintViolation.class,
                    e -> assertThat(e.kind()).isEqualTo(SqlConstraintViolation.Kind.FOREIGN_KEY));
        }
        assertThat(ids()).containsExactly("first", "taken");
        assertThat(sql.read(SqlStatement.of("SELECT count(*) AS n FROM late")).rows().getFirst().integer("n")).isZero();
        sql.write(insert("next"));
        assertThat(ids()).containsExactly("first", "next", "taken");
    }

    @Test
    void aLeaderThatCannotBeginFailsItsUnitAsUnavailableAndTheNextOneWrites() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("group.sqlite"));
             Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            // The busy timeout runs out while another process holds the write lock.
            Future<List<SqlResult>> blocked = callers.submit(() -> sql.write(List.of(insert("blocked"))));
            assertThatThrownBy(() -> blocked.get(1, TimeUnit.MINUTES)).cause().isInstanceOf(Unavailable.class);
            statement.execute("COMMIT");
        }
        sql.write(insert("later"));
        assertThat(ids()).containsExactly("later", "taken");
    }

    /**
     * Runs the units as one group: another connection holds SQLite's write lock, so the executor's
     * leader (writing "first") waits in BEGIN while the units queue behind it, in this order.
     */
    @SafeVarargs
    private List<Future<List<SqlResult>>> inOneGroup(List<SqlStatement>... units) throws Exception {
        List<Future<List<SqlResult>>> submitted = new ArrayList<>();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("group.sqlite"));
             Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            Future<List<SqlResult>> leader = callers.submit(() -> sql.write(List.of(insert("first"))));
            awaitQueued(1);
            for (List<SqlStatement> unit : units) {
                submitted.add(callers.submit(() -> sql.write(unit)));
                awaitQueued(1 + submitted.size());
            }
            statement.execute("COMMIT");
            leader.get(1, TimeUnit.MINUTES);
        }
        for (Future<List<SqlResult>> unit : submitted) {
            try {
                unit.get(1, TimeUnit.MINUTES);
            } catch (ExecutionException expectedBySomeTests) {
                // Each test looks at the outcomes itself.
            }
        }
        return submitted;
    }

    private void awaitQueued(int units) throws InterruptedException {
        IntSupplier queued = sql::queuedUnits;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (queued.getAsInt() < units) {
            assertThat(System.nanoTime()).as("%d units queued", units).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static SqlStatement insert(String id) {
        return SqlStatement.of("INSERT INTO t (id, n) VALUES (?, 1)", id);
    }

    private long count() {
        return sql.read(SqlStatement.of("SELECT count(*) AS n FROM t")).rows().getFirst().integer("n");
    }

    private List<String> ids() {
        return sql.read(SqlStatement.of("SELECT id FROM t ORDER BY id")).rows().stream().map(r -> r.text("id")).toList();
    }
}
