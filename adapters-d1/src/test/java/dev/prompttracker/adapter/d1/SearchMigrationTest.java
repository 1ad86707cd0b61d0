package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.Migration;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.repository.SqlPromptRepository;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.PromptRepository.SearchCriteria;
import dev.prompttracker.application.port.out.PromptRepository.UnindexedBody;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 0005 on SQLite and on the D1 stand-in: prompts stored before it are searchable at once by
 * title, preview, model names and tags, and by their whole text once the backlog of bodies is indexed.
 */
class SearchMigrationTest {
    private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private static final String OWNER = "00000000-0000-4000-8000-000000000001";
    private static final String PROMPT = "00000000-0000-4000-8000-0000000000a1";
    private static final String GONE = "00000000-0000-4000-8000-0000000000a2";
    private static final String KEY = "prompt_" + T0 + "_abcdefgh12345678";
    private static final String GONE_KEY = "prompt_" + T0 + "_abcdefgh87654321";
    private static final String RESPONSE_KEY = "response_" + T0 + "_abcdefgh12345678";

    interface Scenario {
        SqlExecutor fresh();

        @Test
        default void oldPromptsAreSearchableAtOnceAndWhollyAfterTheBacklog() {
            SqlExecutor sql = fresh();
            try {
                List<Migration> all = MigrationSource.fromClasspath();
                new Migrator(sql).apply(all.stream().filter(m -> m.name().compareTo("0005") < 0).toList());
                sql.write(SqlStatement.of("INSERT INTO users (id, username, username_key, email, password_hash, "
                        + "created_at, updated_at) VALUES (?, 'ada', 'ada', 'ada@example.com', NULL, ?, ?)", OWNER, T0, T0));
                for (String[] prompt : List.of(new String[] {PROMPT, KEY}, new String[] {GONE, GONE_KEY})) {
                    sql.write(SqlStatement.of("INSERT INTO prompts (id, owner_id, title, content_preview, "
                            + "content_blob_key, is_public, tags, version, created_at, updated_at) VALUES (?, ?, "
                            + "'Legacy title', 'preview words...', ?, 0, '[\"oldtag\"]', 1, ?, ?)",
                            prompt[0], OWNER, prompt[1], T0, T0));
                    sql.write(SqlStatement.of("INSERT INTO prompt_tags (prompt_id, tag) VALUES (?, 'oldtag')", prompt[0]));
                }
                sql.write(SqlStatement.of("INSERT INTO responses (id, prompt_id, model_name, content_preview, "
                        + "content_blob_key, is_markdown, version, created_at, updated_at) VALUES (?, ?, 'gpt-4o', "
                        + "'answer preview', ?, 1, 1, ?, ?)", "00000000-0000-4000-8000-0000000000b1", PROMPT,
                        RESPONSE_KEY, T0, T0));

                // Later migrations come after it (the repository below expects the latest schema).
                assertThat(new Migrator(sql).apply(all)).first().isEqualTo("0005_prompt_search.sql");

                SqlPromptRepository prompts = new SqlPromptRepository(sql);
                for (String q : List.of("legacy", "preview", "answer", "model:gpt-4o", "tag:oldtag")) {
                    assertThat(found(prompts, q)).as(q).contains(PROMPT);
                }
                assertThat(found(prompts, "deepword")).as("bodies are not indexed yet").isEmpty();
                assertThat(prompts.unindexedBodies(10)).extracting(UnindexedBody::key).containsExactlyInAnyOrder(
                        new BlobKey(KEY), new BlobKey(GONE_KEY), new BlobKey(RESPONSE_KEY));
                assertThat(prompts.unindexedBodies(10)).filteredOn(UnindexedBody::ofPrompt).hasSize(2);

                prompts.delete(new PromptId(GONE), new UserId(OWNER));
                prompts.indexBodies(List.of(
                        SearchText.ofPrompt(new BlobKey(KEY), "preview words and a deepword further on"),
                        SearchText.ofPrompt(new BlobKey(GONE_KEY), "deepword of a deleted prompt"),
                        SearchText.ofResponse(new BlobKey(RESPONSE_KEY), "answer preview then responseword")));

                assertThat(found(prompts, "deepword responseword")).containsExactly(PROMPT);
                assertThat(found(prompts, "legacy tag:oldtag")).containsExactly(PROMPT);
                assertThat(prompts.unindexedBodies(10)).as("the backlog is done").isEmpty();
                assertThat(sql.read(SqlStatement.of("SELECT count(*) AS n FROM search_texts WHERE prompt_id = ?", GONE))
                        .firstRow().orElseThrow().integer("n")).as("no text for a deleted prompt").isZero();
            } finally {
                sql.close();
            }
        }
    }

    static List<String> found(SqlPromptRepository prompts, String q) {
        return prompts.search(new SearchCriteria(SearchQuery.parse(q), Optional.of(new UserId(OWNER)), false,
                        Optional.empty(), Optional.empty(), 0, 10))
                .hits().stream().map(hit -> hit.summary().prompt().id().value()).toList();
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
