package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.Migration;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.repository.SqlCollectionRepository;
import dev.prompttracker.adapter.d1.repository.SqlPromptRepository;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 0006 on a database written by the versions before it, on SQLite and on D1 (the stand-in):
 * existing prompts can be collected, and a prompt's deletion takes it out of its collections. Migrations
 * are applied by name, so one numbered below an applied one (0005, made on another branch) still runs
 * when it arrives.
 */
class CollectionsMigrationTest {
    private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private static final String OWNER = "00000000-0000-4000-8000-000000000001";
    private static final String PROMPT = "00000000-0000-4000-8000-0000000000a1";

    interface Scenario {
        SqlExecutor fresh();

        @Test
        default void existingPromptsCanBeCollectedAndTheirDeletionLeavesNoItemBehind() {
            SqlExecutor sql = fresh();
            try {
                List<Migration> all = MigrationSource.fromClasspath();
                new Migrator(sql).apply(all.stream().filter(m -> m.name().compareTo("0006") < 0).toList());
                sql.write(SqlStatement.of("INSERT INTO users (id, username, username_key, email, password_hash, "
                        + "created_at, updated_at) VALUES (?, 'ada', 'ada', 'ada@example.com', NULL, ?, ?)", OWNER, T0, T0));
                sql.write(SqlStatement.of("INSERT INTO prompts (id, owner_id, title, content_preview, content_blob_key, "
                        + "is_public, tags, version, created_at, updated_at) VALUES (?, ?, 'Old', 'old text', ?, 0, "
                        + "'[]', 1, ?, ?)", PROMPT, OWNER, "prompt_" + T0 + "_abcdefgh12345678", T0, T0));

                assertThat(new Migrator(sql).apply(all)).contains("0006_collections.sql");

                SqlCollectionRepository collections = new SqlCollectionRepository(sql);
                Collection collection = Collection.create(CollectionId.random(), new UserId(OWNER),
                        CollectionName.parse("Old ones"), CollectionDescription.NONE, false, Instant.ofEpochMilli(T0));
                collections.create(collection, Collection.MAX_PER_OWNER);
                assertThat(collections.addItem(collection.id(), new UserId(OWNER), new PromptId(PROMPT),
                        Optional.empty(), Instant.ofEpochMilli(T0 + 1)).orElseThrow().added()).isTrue();
                assertThat(collections.findWithItems(collection.id()).orElseThrow().items()).hasSize(1);

                assertThat(new SqlPromptRepository(sql).delete(new PromptId(PROMPT), new UserId(OWNER)).deleted()).isTrue();
                assertThat(collections.findWithItems(collection.id()).orElseThrow().items()).isEmpty();
                assertThat(sql.read(SqlStatement.of("SELECT COUNT(*) AS n FROM collection_items")).firstRow()
                        .orElseThrow().integer("n")).isZero();
            } finally {
                sql.close();
            }
        }

        @Test
        default void aMigrationNumberedBelowAnAppliedOneIsAppliedWhenItArrives() {
            SqlExecutor sql = fresh();
            try {
                Migration first = new Migration("0001_a.sql", "CREATE TABLE a (id INTEGER);");
                Migration gap = new Migration("0005_b.sql", "CREATE TABLE b (id INTEGER);");
                Migration last = new Migration("0006_c.sql", "CREATE TABLE c (id INTEGER);");
                assertThat(new Migrator(sql).apply(List.of(first, last))).containsExactly("0001_a.sql", "0006_c.sql");
                assertThat(new Migrator(sql).apply(List.of(first, gap, last))).containsExactly("0005_b.sql");
                assertThat(new Migrator(sql).status(List.of(first, gap, last))).allMatch(Migrator.Status::applied);
            } finally {
                sql.close();
            }
        }
    }

    @Nested
    class OnSqlite extends RepositoryFactory.OnSqlite implements Scenario {
        @Override
        public SqlExecutor fresh() {
            return open(folder);
        }
    }

    @Nested
    class OnD1 extends RepositoryFactory.OnD1 implements Scenario {
        @Override
        public SqlExecutor fresh() {
            return open(folder);
        }
    }
}
