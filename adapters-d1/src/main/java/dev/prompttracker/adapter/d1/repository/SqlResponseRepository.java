package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqlTemplate;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.prompttracker.adapter.d1.jooq.Tables.RESPONSES;

/** Model responses in the {@code responses} table. */
public final class SqlResponseRepository implements ResponseRepository {
    private static final String RESPONSE_COUNT = "response_count";
    /** The prompt and its number of responses, as the add in the same unit finds them. */
    private static final String PROMPT_AND_COUNT = "select p.*, (select count(*) from responses r "
            + "where r.prompt_id = p.id) as " + RESPONSE_COUNT + " from prompts p where p.id = ?";
    /**
     * A response, added only where {@link ResponseRepository#addIfAllowed} allows it; with no version
     * named it answers the prompt's text version.
     */
    private static final String INSERT_IF_ALLOWED = "insert into responses (id, prompt_id, model_name, "
            + "content_preview, content_blob_key, is_markdown, version, created_at, updated_at, prompt_version) "
            + "select ?, p.id, ?, ?, ?, ?, 1, ?, ?, coalesce(?, p.text_version) from prompts p "
            + "where p.id = ? and p.owner_id = ? "
            + "and (select count(*) from responses r where r.prompt_id = p.id) < ? "
            + "and (? is null or ? between 1 and p.text_version) returning prompt_version";

    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();
    private final SqlTemplate insertResponse = render.insertTemplate(RESPONSES, RESPONSES.ID, RESPONSES.PROMPT_ID,
            RESPONSES.MODEL_NAME, RESPONSES.CONTENT_PREVIEW, RESPONSES.CONTENT_BLOB_KEY, RESPONSES.IS_MARKDOWN,
            RESPONSES.VERSION, RESPONSES.CREATED_AT, RESPONSES.UPDATED_AT, RESPONSES.PROMPT_VERSION);

    public SqlResponseRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public void create(Response response, SearchText text) {
        requireBodyOf(response, text);
        try {
            sql.write(SearchIndex.withRefresh(response.promptId(), List.of(
                    insertResponse.bind(response.id().value(), response.promptId().value(),
                            response.modelName().value(), response.contentPreview().value(),
                            response.contentKey().value(), response.isMarkdown(), response.version(),
                            response.createdAt().toEpochMilli(), response.updatedAt().toEpochMilli(),
                            response.promptVersion()),
                    SearchIndex.text(response.promptId(), text))));
        } catch (SqlConstraintViolation violation) {
            if (violation.kind() == SqlConstraintViolation.Kind.FOREIGN_KEY) {
                throw new NotFound("prompt not found");
            }
            throw new Conflict("this response already exists");
        }
    }

    @Override
    public Addition addIfAllowed(Draft draft, UserId owner, int limit, SearchText text) {
        if (!text.key().equals(draft.contentKey())) {
            throw new IllegalArgumentException("the search text is not of the response's body");
        }
        String promptId = draft.promptId().value();
        long at = draft.createdAt().toEpochMilli();
        Integer version = draft.promptVersion().orElse(null);
        List<SqlResult> results;
        try {
            results = sql.write(SearchIndex.withRefresh(draft.promptId(), List.of(
                    SqlStatement.of(PROMPT_AND_COUNT, promptId),
                    SqlStatement.of(INSERT_IF_ALLOWED, draft.id().value(), draft.modelName().value(),
                            draft.contentPreview().value(), draft.contentKey().value(), draft.isMarkdown(), at, at,
                            version, promptId, owner.value(), limit, version, version),
                    SearchIndex.text(draft.promptId(), text))));
        } catch (SqlConstraintViolation violation) {
            throw new Conflict("this response already exists");
        }
        Optional<SqlRow> found = results.getFirst().firstRow();
        // The draft's own times, not the stored milliseconds: the caller answers with what it asked for.
        return new Addition(found.map(PromptRows::toPrompt),
                found.map(row -> (int) row.integer(RESPONSE_COUNT)).orElse(0),
                results.get(1).firstRow().map(row -> draft.answering(
                        (int) row.integer(RESPONSES.PROMPT_VERSION.getName()))));
    }

    @Override
    public Optional<Response> findById(ResponseId id) {
        return sql.read(render.statement(render.dsl().selectFrom(RESPONSES).where(RESPONSES.ID.eq(id.value()))))
                .firstRow().map(PromptRows::toResponse);
    }

    @Override
    public List<Response> listByPrompt(PromptId prompt, Optional<ModelName> model) {
        Condition condition = RESPONSES.PROMPT_ID.eq(prompt.value());
        if (model.isPresent()) {
            condition = condition.and(RESPONSES.MODEL_NAME.eq(model.get().value()));
        }
        return sql.read(render.statement(render.dsl().selectFrom(RESPONSES)
                        .where(condition)
                        .orderBy(RESPONSES.CREATED_AT, PromptRows.INSERTION_ORDER)))
                .rows().stream().map(PromptRows::toResponse).toList();
    }

    @Override
    public int countByPrompt(PromptId prompt) {
        return (int) sql.read(render.statement(render.dsl().select(DSL.count().as("n")).from(RESPONSES)
                        .where(RESPONSES.PROMPT_ID.eq(prompt.value()))))
                .firstRow().orElseThrow().integer("n");
    }

    @Override
    public Change update(PromptId prompt, ResponseId id, UserId owner, Revision revision) {
        revision.body().ifPresent(body -> {
            if (!body.text().key().equals(body.key())) {
                throw new IllegalArgumentException("the search text is not of the new body");
            }
        });
        long at = revision.at().toEpochMilli();
        Map<Field<?>, Object> changes = new LinkedHashMap<>();
        revision.modelName().ifPresent(model -> changes.put(RESPONSES.MODEL_NAME, model.value()));
        revision.body().ifPresent(body -> {
            changes.put(RESPONSES.CONTENT_PREVIEW, body.preview().value());
            changes.put(RESPONSES.CONTENT_BLOB_KEY, body.key().value());
        });
        revision.isMarkdown().ifPresent(isMarkdown -> changes.put(RESPONSES.IS_MARKDOWN, isMarkdown));
        changes.put(RESPONSES.VERSION, RESPONSES.VERSION.plus(1));
        changes.put(RESPONSES.UPDATED_AT, DSL.greatest(DSL.val(at), RESPONSES.UPDATED_AT));
        Condition theResponse = RESPONSES.ID.eq(id.value()).and(RESPONSES.PROMPT_ID.eq(prompt.value()));
        SqlStatement read = render.statement(render.dsl().selectFrom(RESPONSES).where(theResponse));
        List<SqlStatement> statements = new ArrayList<>();
        // The body it had, read before the change (only the old body's removal needs it).
        revision.body().ifPresent(body -> statements.add(read));
        statements.add(render.statement(render.dsl().update(RESPONSES).set(changes)
                .where(theResponse).and(PromptReads.condition(PromptReads.ownedBy(prompt, owner)))));
        revision.body().ifPresent(body -> statements.add(SearchIndex.text(prompt, body.text())));
        List<SqlStatement> unit = new ArrayList<>(SearchIndex.withRefresh(prompt, statements));
        // Read back after the change: what it found, and the response as changed.
        unit.add(PromptReads.prompt(prompt));
        unit.add(read);
        List<SqlResult> results = sql.write(unit);
        int update = revision.body().isPresent() ? 1 : 0;
        Optional<Response> changed = results.get(update).changes() == 0 ? Optional.empty()
                : results.getLast().firstRow().map(PromptRows::toResponse).map(row -> answered(row, revision.at()));
        // An answer rebuilt after a lost one cannot tell the old body: it stays, unreferenced.
        Optional<BlobKey> replaced = changed.isEmpty() || update == 0 || !results.getFirst().answered() ? Optional.empty()
                : results.getFirst().firstRow().map(row -> new BlobKey(row.text(RESPONSES.CONTENT_BLOB_KEY.getName())));
        return new Change(PromptReads.prompt(results.get(results.size() - 2)), changed, replaced);
    }

    /** The change's own time when it is the one stored, not the stored milliseconds, as {@link Response#revise} answers. */
    private static Response answered(Response stored, Instant at) {
        if (!stored.updatedAt().equals(at.truncatedTo(ChronoUnit.MILLIS))) {
            return stored;
        }
        return new Response(stored.id(), stored.promptId(), stored.modelName(), stored.contentPreview(),
                stored.contentKey(), stored.isMarkdown(), stored.createdAt(), at, stored.version(), stored.promptVersion());
    }

    @Override
    public Removal delete(PromptId prompt, ResponseId id, UserId owner) {
        // Its ratings and preferences go first (they refer to it), the prompt's search document is rebuilt
        // after it, and the prompt is read back last: one atomic write, each change only on the owner's prompt.
        Condition owned = PromptReads.condition(PromptReads.ownedBy(prompt, owner));
        Condition ofThePrompt = DSL.exists(render.dsl().selectOne().from(RESPONSES)
                .where(RESPONSES.ID.eq(id.value())).and(RESPONSES.PROMPT_ID.eq(prompt.value())));
        List<SqlStatement> statements = new ArrayList<>(SqlRatingRepository.deleteForResponse(render, id,
                ofThePrompt.and(owned)));
        int deleted = statements.size();
        statements.add(render.statement(render.dsl().deleteFrom(RESPONSES)
                .where(RESPONSES.ID.eq(id.value()))
                .and(RESPONSES.PROMPT_ID.eq(prompt.value()))
                .and(owned)
                .returning(RESPONSES.CONTENT_BLOB_KEY)));
        List<SqlStatement> unit = new ArrayList<>(SearchIndex.withRefresh(prompt, statements));
        unit.add(PromptReads.prompt(prompt));
        List<SqlResult> results = sql.write(unit);
        return new Removal(PromptReads.prompt(results.getLast()), results.get(deleted).firstRow()
                .map(row -> new BlobKey(row.text(RESPONSES.CONTENT_BLOB_KEY.getName()))));
    }

    private static void requireBodyOf(Response response, SearchText text) {
        if (!text.key().equals(response.contentKey())) {
            throw new IllegalArgumentException("the search text is not of the response's body");
        }
    }
}
