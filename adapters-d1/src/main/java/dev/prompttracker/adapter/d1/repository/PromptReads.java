package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqlTemplate;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;

import static dev.prompttracker.adapter.d1.jooq.Tables.PROMPTS;
import static dev.prompttracker.adapter.d1.jooq.Tables.RESPONSES;

/**
 * The reads of a prompt (with its responses) and the conditions on it that the repositories share:
 * a write that checks who may make it in SQL runs them in its own unit, after its changes, so what it
 * found comes back in the same call (and is read again if that call's answer is lost).
 */
final class PromptReads {
    private static final SqlRenderer RENDER = new SqlRenderer();
    private static final SqlTemplate PROMPT_BY_ID = RENDER.template(RENDER.dsl().selectFrom(PROMPTS)
            .where(PROMPTS.ID.eq(DSL.param("id", PROMPTS.ID))));
    private static final SqlTemplate RESPONSES_OF_PROMPT = RENDER.template(RENDER.dsl().selectFrom(RESPONSES)
            .where(RESPONSES.PROMPT_ID.eq(DSL.param("promptId", RESPONSES.PROMPT_ID)))
            .orderBy(RESPONSES.CREATED_AT, PromptRows.INSERTION_ORDER));
    /** The prompt is this user's. */
    private static final String OWNED_BY = "exists (select 1 from prompts where prompts.id = ? and prompts.owner_id = ?)";

    private PromptReads() {
    }

    static SqlStatement prompt(PromptId id) {
        return PROMPT_BY_ID.bind(id.value());
    }

    static Optional<Prompt> prompt(SqlResult read) {
        return read.firstRow().map(PromptRows::toPrompt);
    }

    /** The prompt, then its responses oldest first: two statements. */
    static List<SqlStatement> withResponses(PromptId id) {
        return List.of(PROMPT_BY_ID.bind(id.value()), RESPONSES_OF_PROMPT.bind(id.value()));
    }

    /** What the two statements of {@link #withResponses(PromptId)} read. */
    static Optional<PromptWithResponses> withResponses(SqlResult prompt, SqlResult responses) {
        return prompt(prompt).map(found -> new PromptWithResponses(found,
                responses.rows().stream().map(PromptRows::toResponse).toList()));
    }

    /** The condition "the prompt is {@code owner}'s", with its values, for SQL written by hand. */
    static SqlStatement ownedBy(PromptId id, UserId owner) {
        return SqlStatement.of(OWNED_BY, id.value(), owner.value());
    }

    /** A condition with its values as jOOQ's. */
    static Condition condition(SqlStatement condition) {
        return DSL.condition(condition.sql(), condition.params().toArray());
    }
}
