package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqlValues;
import dev.prompttracker.adapter.d1.sql.SqliteSqlExecutor;
import dev.prompttracker.domain.error.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL seam on SQLite: atomic units of work, normalised values, classified failures. */
class SqliteSqlExecutorTest {
    @TempDir
    Path folder;
    private SqlExecutor sql;

    @BeforeEach
    void open() {
        sql = SqliteSqlExecutor.open(folder.resolve("seam.sqlite"), 2);
        sql.executeScript("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, flag INTEGER, x REAL);"
                + "CREATE TABLE child (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES t (id));");
    }

    @AfterEach
    void close() {
        sql.close();
    }

    private long count() {
        return sql.read(SqlStatement.of("SELECT count(*) AS n FROM t")).rows().getFirst().integer("n");
    }

    @Test
    void aUnitOfWorkIsAllOrNothing() {
        assertThatThrownBy(() -> sql.write(List.of(
                SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "a", 1),
                SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "b", 2),
                SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "a", 3))))
                .isInstanceOfSatisfying(SqlConstraintViolation.class,
                        e -> assertThat(e.kind()).isEqualTo(SqlConstraintViolation.Kind.UNIQUE));
        assertThat(count()).isZero();
        sql.write(SqlStatement.of("INSERT INTO t (id, n) VALUES (?, ?)", "a", 1));
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aScriptIsAllOrNothing() {
        assertThatThrownBy(() -> sql.executeScript("INSERT INTO t (id) VALUES ('s1'); INSERT INTO t (id) VALUES ('s1');"))
                .isInstanceOf(SqlConstraintViolation.class);
        assertThat(count()).isZero();
    }

    @Test
    void theDatabaseItsWalFilesAndTheFoldersItCreatesAreOwnerOnly() throws Exception {
        Path file = folder.resolve("data").resolve("nested").resolve("private.sqlite");
        try (SqlExecutor created = SqliteSqlExecutor.open(file, 1)) {
            created.executeScript("CREATE TABLE p (id TEXT PRIMARY KEY)");
            created.write(SqlStatement.of("INSERT INTO p (id) VALUES ('x')"));
            for (Path made : List.of(file, file.resolveSibling("private.sqlite-wal"), file.resolveSibling("private.sqlite-shm"))) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).as(made.toString())
                        .isEqualTo("rw-------");
            }
            for (Path made : List.of(folder.resolve("data"), file.getParent())) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).as(made.toString())
                        .isEqualTo("rwx------");
            }
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        assertThatThrownBy(() -> sql.write(SqlStatement.of("INSERT INTO child (id, parent) VALUES ('c', 'missing')")))
                .isInstanceOfSatisfying(SqlConstraintViolation.class,
                        e -> assertThat(e.kind()).isEqualTo(SqlConstraintViolation.Kind.FOREIGN_KEY));
    }

    @Test
    void valuesCrossTheSeamAsLongDoubleTextOrNull() {
        sql.write(SqlStatement.of("INSERT INTO t (id, n, flag, x) VALUES (?, ?, ?, ?)", "v", 7, true, 1.5));
        sql.write(SqlStatement.of("INSERT INTO t (id, n, flag, x) VALUES (?, ?, ?, ?)", "w", null, false, null));
        var rows = sql.read(SqlStatement.of("SELECT * FROM t ORDER BY id")).rows();
        assertThat(rows.getFirst().values().get("n")).isEqualTo(7L);
        assertThat(rows.getFirst().bool("flag")).isTrue();
        assertThat(rows.getFirst().values().get("x")).isEqualTo(1.5);
        assertThat(rows.get(1).optionalInteger("n")).isEmpty();
        assertThat(rows.get(1).bool("flag")).isFalse();
        assertThatThrownBy(() -> SqlValues.normalise(new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlValues.normalise(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlValues.normalise(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returningRowsAndChangeCountsAreReported() {
        sql.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('r1', 1), ('r2', 2)"));
        var results = sql.write(List.of(
                SqlStatement.of("UPDATE t SET n = n + 1 WHERE n >= ?", 1),
                SqlStatement.of("DELETE FROM t WHERE id = ? RETURNING n", "r2")));
        assertThat(results.getFirst().changes()).isEqualTo(2);
        assertThat(results.get(1).rows()).extracting(r -> r.integer("n")).containsExactly(3L);
    }

    @Test
    void holdsNoWriteLockBetweenUnitsOfWork() throws Exception {
        sql.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('mine', 1)"));
        sql.executeScript("INSERT INTO t (id, n) VALUES ('script', 2);");
        // Another process (an operator command, the sqlite3 shell) can write while this one is idle.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("seam.sqlite"));
             Statement statement = other.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO t (id, n) VALUES ('theirs', 3)");
            statement.execute("COMMIT");
        }
        assertThat(count()).isEqualTo(3);
        sql.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('after', 4)"));
        assertThat(count()).isEqualTo(4);
    }

    @Test
    void aReadOnlyExecutorReadsBesideTheWriterAndWritesNothing() {
        sql.write(SqlStatement.of("INSERT INTO t (id, n) VALUES ('seen', 1)"));
        try (SqlExecutor reader = SqliteSqlExecutor.openReadOnly(folder.resolve("seam.sqlite"))) {
            assertThat(reader.read(SqlStatement.of("SELECT id FROM t")).rows()).extracting(r -> r.text("id"))
                    .containsExactly("seen");
            assertThatThrownBy(() -> reader.write(SqlStatement.of("INSERT INTO t (id) VALUES ('no')")))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> reader.executeScript("CREATE TABLE nope (id INTEGER);"))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(count()).isEqualTo(1);
        Path missing = folder.resolve("missing.sqlite");
        assertThatThrownBy(() -> SqliteSqlExecutor.openReadOnly(missing)).isInstanceOf(Unavailable.class)
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
    }
}
