package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.Migration;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqliteSqlExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrator behaves like {@code wrangler d1 migrations apply} on the same {@code d1_migrations} table. */
class MigratorTest {
    @TempDir
    Path folder;
    private SqlExecutor sql;

    private SqlExecutor sql() {
        if (sql == null) {
            sql = SqliteSqlExecutor.open(folder.resolve("db.sqlite"), 1);
        }
        return sql;
    }

    @AfterEach
    void close() {
        if (sql != null) {
            sql.close();
        }
    }

    private List<String> tables() {
        return sql().read(SqlStatement.of("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows()
                .stream().map(r -> r.text("name")).toList();
    }

    private List<String> recorded() {
        return sql().read(SqlStatement.of("SELECT name FROM d1_migrations ORDER BY id")).rows().stream()
                .map(r -> r.text("name")).toList();
    }

    @Test
    void appliesPendingFilesInWranglersOrderOnceEach() {
        List<Migration> migrations = List.of(
                new Migration("0010_ten.sql", "CREATE TABLE ten (id INTEGER);"),
                new Migration("0002_two.sql", "CREATE TABLE two (id INTEGER);\nCREATE INDEX two_id ON two (id);"),
                new Migration("0001_one.sql", "CREATE TABLE one (id INTEGER);"));
        Migrator migrator = new Migrator(sql());
        assertThat(migrator.apply(migrations)).containsExactly("0001_one.sql", "0002_two.sql", "0010_ten.sql");
        assertThat(migrator.apply(migrations)).isEmpty();
        assertThat(recorded()).containsExactly("0001_one.sql", "0002_two.sql", "0010_ten.sql");
        assertThat(migrator.status(migrations)).allMatch(Migrator.Status::applied);
        String appliedAt = sql().read(SqlStatement.of("SELECT applied_at FROM d1_migrations LIMIT 1")).rows()
                .getFirst().text("applied_at");
        assertThat(appliedAt).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void aFailingFileIsRolledBackWholeAndStopsTheRun() {
        List<Migration> migrations = List.of(
                new Migration("0001_ok.sql", "CREATE TABLE ok (id INTEGER);"),
                new Migration("0002_broken.sql", "CREATE TABLE half (id INTEGER);\nCREATE TABLE broken (;"),
                new Migration("0003_later.sql", "CREATE TABLE later (id INTEGER);"));
        assertThatThrownBy(() -> new Migrator(sql()).apply(migrations))
                .isInstanceOfSatisfying(Migrator.MigrationFailed.class,
                        e -> assertThat(e.appliedBefore()).containsExactly("0001_ok.sql"))
                .hasMessageContaining("0002_broken.sql");
        assertThat(tables()).contains("ok").doesNotContain("half", "broken", "later");
        assertThat(recorded()).containsExactly("0001_ok.sql");
        assertThat(new Migrator(sql()).status(migrations)).extracting(Migrator.Status::applied)
                .containsExactly(true, false, false);
    }

    @Test
    void respectsMigrationsWranglerAlreadyApplied() {
        sql().executeScript("""
                CREATE TABLE IF NOT EXISTS "d1_migrations"(
                    id         INTEGER PRIMARY KEY AUTOINCREMENT,
                    name       TEXT UNIQUE,
                    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
                );
                CREATE TABLE one (id INTEGER);
                INSERT INTO "d1_migrations" (name) values ('0001_one.sql');""");
        List<String> applied = new Migrator(sql()).apply(List.of(
                new Migration("0001_one.sql", "CREATE TABLE one (id INTEGER);"),
                new Migration("0002_two.sql", "CREATE TABLE two (id INTEGER);")));
        assertThat(applied).containsExactly("0002_two.sql");
        assertThat(recorded()).containsExactly("0001_one.sql", "0002_two.sql");
    }

    @Test
    void statusListsAppliedMigrationsThisBuildDoesNotKnow() {
        // A newer build (or wrangler with a newer migrations_dir) applied 0009 to this database.
        new Migrator(sql()).apply(List.of(
                new Migration("0001_one.sql", "CREATE TABLE one (id INTEGER);"),
                new Migration("0009_future.sql", "CREATE TABLE future (id INTEGER);")));
        List<Migration> thisBuild = List.of(
                new Migration("0002_two.sql", "CREATE TABLE two (id INTEGER);"),
                new Migration("0001_one.sql", "CREATE TABLE one (id INTEGER);"));
        assertThat(new Migrator(sql()).status(thisBuild)).containsExactly(
                new Migrator.Status("0001_one.sql", Migrator.State.APPLIED),
                new Migrator.Status("0002_two.sql", Migrator.State.PENDING),
                new Migrator.Status("0009_future.sql", Migrator.State.APPLIED_UNKNOWN));
    }

    @Test
    void statusOnlyReadsSoItWorksOnAReadOnlyConnection() {
        sql().executeScript("CREATE TABLE existing (id INTEGER);");
        List<Migration> migrations = List.of(new Migration("0001_one.sql", "CREATE TABLE one (id INTEGER);"));
        try (SqlExecutor readOnly = SqliteSqlExecutor.openReadOnly(folder.resolve("db.sqlite"))) {
            assertThat(new Migrator(readOnly).status(migrations)).extracting(Migrator.Status::state)
                    .containsExactly(Migrator.State.PENDING);
            assertThat(tables()).doesNotContain("d1_migrations");
            new Migrator(sql()).apply(migrations);
            assertThat(new Migrator(readOnly).status(migrations)).extracting(Migrator.Status::state)
                    .containsExactly(Migrator.State.APPLIED);
        }
    }

    @Test
    void theProductsMigrationsArePackagedAndApplyCleanly() {
        List<Migration> packaged = MigrationSource.fromClasspath();
        assertThat(packaged).extracting(Migration::name).allMatch(name -> name.matches("\\d{4}_[a-z0-9_]+\\.sql"));
        assertThat(packaged).extracting(Migration::name).contains("0001_prompt_tracker.sql");
        new Migrator(sql()).apply(packaged);
        assertThat(tables()).contains("users", "sessions", "retired_refresh_tokens", "prompts", "prompt_tags",
                "responses", "d1_migrations");
    }

    @Test
    void readsAFolderLikeWranglersMigrationsDir() throws Exception {
        Path dir = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(dir.resolve("0002_b.sql"), "CREATE TABLE b (id INTEGER);");
        Files.writeString(dir.resolve("0001_a.sql"), "CREATE TABLE a (id INTEGER);");
        Files.writeString(dir.resolve("README.txt"), "not a migration");
        assertThat(MigrationSource.fromFolder(dir)).extracting(Migration::name).containsExactly("0001_a.sql", "0002_b.sql");
    }

    @Test
    void migrationNamesCannotInjectSql() {
        assertThatThrownBy(() -> new Migration("0001_x'); DROP TABLE users; --.sql", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Migration("../0001_x.sql", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
