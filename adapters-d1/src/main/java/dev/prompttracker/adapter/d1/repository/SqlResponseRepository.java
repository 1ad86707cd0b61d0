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
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
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
    public void update(Response revised, Optional<SearchText> newText) {
        newText.ifPresent(text -> requireBodyOf(revised, text));
        List<SqlStatement> statements = new ArrayList<>(List.of(render.statement(render.dsl().update(RESPONSES)
                .set(RESPONSES.MODEL_NAME, revised.modelName().value())
                .set(RESPONSES.CONTENT_PREVIEW, revised.contentPreview().value())
                .set(RESPONSES.CONTENT_BLOB_KEY, revised.contentKey().value())
                .set(RESPONSES.IS_MARKDOWN, revised.isMarkdown())
                .set(RESPONSES.VERSION, revised.version())
                .set(RESPONSES.UPDATED_AT, revised.updatedAt().toEpochMilli())
                .where(RESPONSES.ID.eq(revised.id().value()))
                .and(RESPONSES.VERSION.eq(revised.version() - 1)))));
        newText.ifPresent(text -> statements.add(SearchIndex.text(revised.promptId(), text)));
        List<SqlStatement> unit = new ArrayList<>(SearchIndex.withRefresh(revised.promptId(), statements));
        // Whether the response is there, read in the same call: a refused update needs no second one.
        unit.add(SqlStatement.of("select 1 as present from responses where id = ?", revised.id().value()));
        List<SqlResult> results = sql.write(unit);
        if (results.getFirst().changes() == 0) {
            if (results.getLast().rows().isEmpty()) {
                throw new NotFound("response not found");
            }
            throw new Conflict("the response was changed at the same time; reload it and try again");
        }
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
