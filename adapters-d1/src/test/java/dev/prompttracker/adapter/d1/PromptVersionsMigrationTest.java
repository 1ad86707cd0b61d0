package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.Migration;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.repository.SqlPromptRepository;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 0004 on a database written by the version before it, on SQLite and on D1 (the stand-in):
 * every prompt becomes version 1 of its current title and text, its responses answer version 1, and
 * deleting it afterwards returns its body once.
 */
class PromptVersionsMigrationTest {
    private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private static final String OWNER = "00000000-0000-4000-8000-000000000001";
    private static final String PROMPT = "00000000-0000-4000-8000-0000000000a1";
    private static final String KEY = "prompt_" + T0 + "_abcdefgh12345678";

    interface Scenario {
        SqlExecutor fresh();

        @Test
        default void existingPromptsBecomeVersionOneAndTheirResponsesAnswerIt() {
            SqlExecutor sql = fresh();
            try {
                List<Migration> all = MigrationSource.fromClasspath();
                new Migrator(sql).apply(all.stream().filter(m -> m.name().compareTo("0004") < 0).toList());
                sql.write(SqlStatement.of("INSERT INTO users (id, username, username_key, email, password_hash, "
                        + "created_at, updated_at) VALUES (?, 'ada', 'ada', 'ada@example.com', NULL, ?, ?)", OWNER, T0, T0));
                sql.write(SqlStatement.of("INSERT INTO prompts (id, owner_id, title, content_preview, content_blob_key, "
                        + "is_public, tags, version, created_at, updated_at) VALUES (?, ?, 'Old', 'old text', ?, 1, "
                        + "'[]', 7, ?, ?)", PROMPT, OWNER, KEY, T0, T0 + 5_000));
                sql.write(SqlStatement.of("INSERT INTO responses (id, prompt_id, model_name, content_preview, "
                        + "content_blob_key, is_markdown, version, created_at, updated_at) VALUES (?, ?, 'm', 'answer', "
                        + "?, 1, 1, ?, ?)", "00000000-0000-4000-8000-0000000000b1", PROMPT,
                        "response_" + T0 + "_abcdefgh12345678", T0, T0));

                // Later migrations come after it (the repositories below expect the latest schema).
                assertThat(new Migrator(sql).apply(all)).first().isEqualTo("0004_prompt_versions.sql");

                SqlPromptRepository prompts = new SqlPromptRepository(sql);
                PromptWithResponses found = prompts.findWithResponses(new PromptId(PROMPT)).orElseThrow();
                Prompt prompt = found.prompt();
                assertThat(prompt.version()).as("the change counter is kept").isEqualTo(7);
                assertThat(prompt.textVersion()).isEqualTo(1);
                assertThat(found.responses()).extracting(Response::promptVersion).containsExactly(1);
                PromptVersion v1 = prompts.findWithVersions(prompt.id(), Set.of(1)).orElseThrow().version(1).orElseThrow();
                assertThat(v1).isEqualTo(PromptVersion.of(prompt, new UserId(OWNER), Optional.empty()));
                assertThat(v1.createdAt()).isEqualTo(Instant.ofEpochMilli(T0 + 5_000));
                assertThat(prompts.delete(prompt.id(), new UserId(OWNER)).keys()).containsExactlyInAnyOrder(new BlobKey(KEY),
                        new BlobKey("response_" + T0 + "_abcdefgh12345678"));
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
