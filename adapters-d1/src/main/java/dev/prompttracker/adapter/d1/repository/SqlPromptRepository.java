package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.adapter.d1.sql.SqlTemplate;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.PromptWithVersions;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.prompttracker.adapter.d1.jooq.Tables.PROMPTS;
import static dev.prompttracker.adapter.d1.jooq.Tables.PROMPT_TAGS;
import static dev.prompttracker.adapter.d1.jooq.Tables.PROMPT_VERSIONS;
import static dev.prompttracker.adapter.d1.jooq.Tables.RESPONSES;

/**
 * Prompts in {@code prompts} with their tags in {@code prompt_tags}. Every method is one call to
 * the {@link SqlExecutor}, so on D1 each costs one HTTP request.
 */
public final class SqlPromptRepository implements PromptRepository {
    private static final String RESPONSE_COUNT = "response_count";
    /** Fills prompt_tags from the tags column just written, only if that write took effect. */
    private static final String INSERT_TAGS_FROM_JSON = "insert into prompt_tags (prompt_id, tag) "
            + "select prompts.id, tag_list.value from prompts, json_each(prompts.tags) as tag_list "
            + "where prompts.id = ? and prompts.version = ?";

    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();
    private final SqlTemplate insertPrompt = render.insertTemplate(PROMPTS, PROMPTS.ID, PROMPTS.OWNER_ID,
            PROMPTS.TITLE, PROMPTS.CONTENT_PREVIEW, PROMPTS.CONTENT_BLOB_KEY, PROMPTS.IS_PUBLIC, PROMPTS.TAGS,
            PROMPTS.VERSION, PROMPTS.CREATED_AT, PROMPTS.UPDATED_AT, PROMPTS.TEXT_VERSION);
    /**
     * A version, written only if the prompt row is now at the given change counter and at this text
     * version: the update before it in the same unit took effect (not a concurrent one).
     */
    private static final String INSERT_VERSION_IF_PROMPT_AT = "insert into prompt_versions (prompt_id, version_number, "
            + "title, content_preview, content_blob_key, author_id, message, created_at) "
            + "select ?, ?, ?, ?, ?, ?, ?, ? where exists "
            + "(select 1 from prompts where prompts.id = ? and prompts.version = ? and prompts.text_version = ?)";
    /**
     * A prompt's whole history from one JSON array (one statement and two parameters, whatever the number
     * of versions: D1 bounds both), written only if the prompt row was inserted in the same unit.
     */
    private static final String INSERT_VERSIONS_FROM_JSON = "insert into prompt_versions (prompt_id, version_number, "
            + "title, content_preview, content_blob_key, author_id, message, created_at) "
            + "select ?, json_extract(v.value, '$.n'), json_extract(v.value, '$.t'), json_extract(v.value, '$.p'), "
            + "json_extract(v.value, '$.k'), json_extract(v.value, '$.a'), json_extract(v.value, '$.m'), "
            + "json_extract(v.value, '$.c') from json_each(?) as v order by v.key";

    private final SqlSearch search;

    public SqlPromptRepository(SqlExecutor sql) {
        this.sql = sql;
        this.search = new SqlSearch(sql);
    }

    @Override
    public void create(Prompt prompt, SearchText text) {
        requireBodyOf(prompt, text);
        try {
            sql.write(SearchIndex.withRefresh(prompt.id(), List.of(
                    insertPrompt.bind(prompt.id().value(), prompt.ownerId().value(),
                            prompt.title().map(t -> t.value()).orElse(null), prompt.contentPreview().value(),
                            prompt.contentKey().value(), prompt.isPublic(), Json.strings(prompt.tags().strings()),
                            prompt.version(), prompt.createdAt().toEpochMilli(), prompt.updatedAt().toEpochMilli(),
                            prompt.textVersion()),
                    SqlStatement.of(INSERT_TAGS_FROM_JSON, prompt.id().value(), prompt.version()),
                    insertVersion(PromptVersion.of(prompt, prompt.ownerId(), Optional.empty()), prompt.version()),
                    SearchIndex.text(prompt.id(), text))));
        } catch (SqlConstraintViolation violation) {
            if (violation.kind() == SqlConstraintViolation.Kind.FOREIGN_KEY) {
                throw new NotFound("the owner of this prompt does not exist");
            }
            throw new Conflict("this prompt already exists");
        }
    }

    @Override
    public void importPrompt(Prompt prompt, List<PromptVersion> versions, SearchText text) {
        PromptRepository.checkImport(prompt, versions, text);
        try {
            sql.write(SearchIndex.withRefresh(prompt.id(), List.of(
                    insertPrompt.bind(prompt.id().value(), prompt.ownerId().value(),
                            prompt.title().map(Title::value).orElse(null), prompt.contentPreview().value(),
                            prompt.contentKey().value(), prompt.isPublic(), Json.strings(prompt.tags().strings()),
                            prompt.version(), prompt.createdAt().toEpochMilli(), prompt.updatedAt().toEpochMilli(),
                            prompt.textVersion()),
                    SqlStatement.of(INSERT_TAGS_FROM_JSON, prompt.id().value(), prompt.version()),
                    SqlStatement.of(INSERT_VERSIONS_FROM_JSON, prompt.id().value(), Json.versions(versions)),
                    SearchIndex.text(prompt.id(), text))));
        } catch (SqlConstraintViolation violation) {
            if (violation.kind() == SqlConstraintViolation.Kind.FOREIGN_KEY) {
                throw new NotFound("the owner of this prompt does not exist");
            }
            throw new Conflict("this prompt already exists");
        }
    }

    @Override
    public Optional<Prompt> findById(PromptId id) {
        return PromptReads.prompt(sql.read(PromptReads.prompt(id)));
    }

    @Override
    public Optional<PromptWithResponses> findWithResponses(PromptId id) {
        List<SqlResult> results = sql.read(PromptReads.withResponses(id));
        return PromptReads.withResponses(results.getFirst(), results.get(1));
    }

    private static SqlStatement insertVersion(PromptVersion version, long promptAt) {
        return SqlStatement.of(INSERT_VERSION_IF_PROMPT_AT, version.promptId().value(), version.number(),
                version.title().map(Title::value).orElse(null), version.contentPreview().value(),
                version.contentKey().value(), version.authorId().value(),
                version.message().map(VersionMessage::value).orElse(null), version.createdAt().toEpochMilli(),
                version.promptId().value(), promptAt, version.number());
    }

    @Override
    public PromptWithResponses update(Prompt revised, Optional<PromptVersion> newVersion, Optional<SearchText> newText) {
        newText.ifPresent(text -> requireBodyOf(revised, text));
        newVersion.ifPresent(version -> {
            if (version.number() != revised.textVersion() || !version.promptId().equals(revised.id())) {
                throw new IllegalArgumentException("the new version is not the revised prompt's text version");
            }
        });
        String id = revised.id().value();
        List<SqlStatement> statements = new ArrayList<>(List.of(
                render.statement(render.dsl().update(PROMPTS)
                        .set(PROMPTS.TITLE, revised.title().map(t -> t.value()).orElse(null))
                        .set(PROMPTS.CONTENT_PREVIEW, revised.contentPreview().value())
                        .set(PROMPTS.CONTENT_BLOB_KEY, revised.contentKey().value())
                        .set(PROMPTS.IS_PUBLIC, revised.isPublic())
                        .set(PROMPTS.TAGS, Json.strings(revised.tags().strings()))
                        .set(PROMPTS.VERSION, revised.version())
                        .set(PROMPTS.UPDATED_AT, revised.updatedAt().toEpochMilli())
                        .set(PROMPTS.TEXT_VERSION, revised.textVersion())
                        .where(PROMPTS.ID.eq(id))
                        .and(PROMPTS.VERSION.eq(revised.version() - 1))),
                // Only touch the tags when the update above matched (the row now has the new version).
                render.statement(render.dsl().deleteFrom(PROMPT_TAGS)
                        .where(PROMPT_TAGS.PROMPT_ID.eq(id))
                        .and(DSL.exists(render.dsl().selectOne().from(PROMPTS)
                                .where(PROMPTS.ID.eq(id)).and(PROMPTS.VERSION.eq(revised.version()))))),
                SqlStatement.of(INSERT_TAGS_FROM_JSON, id, revised.version())));
        newVersion.ifPresent(version -> statements.add(insertVersion(version, revised.version())));
        newText.ifPresent(text -> statements.add(SearchIndex.text(revised.id(), text)));
        List<SqlStatement> unit = new ArrayList<>(SearchIndex.withRefresh(revised.id(), statements));
        // The prompt read back after the change, in the same call: the answer, or why it was refused.
        unit.addAll(PromptReads.withResponses(revised.id()));
        List<SqlResult> results;
        try {
            results = sql.write(unit);
        } catch (SqlConstraintViolation violation) {
            throw new Conflict("the prompt was changed at the same time; reload it and try again");
        }
        Optional<PromptWithResponses> after = PromptReads.withResponses(results.get(results.size() - 2),
                results.getLast());
        if (results.getFirst().changes() == 0) {
            if (after.isEmpty()) {
                throw new NotFound("prompt not found");
            }
            throw new Conflict("the prompt was changed at the same time; reload it and try again");
        }
        // Changed, yet not found after: the answer was lost and the prompt deleted before it was read again.
        return after.orElseThrow(() -> new Unavailable(SqlResult.LOST, null));
    }

    @Override
    public Deletion delete(PromptId id, UserId owner) {
        // Every statement holds only while the prompt is the owner's; the prompt's row goes last, so the
        // condition reads the same for all of them. The judgements and the search document go first
        // (they refer to the prompt and its responses), in the same write.
        SqlStatement owned = PromptReads.ownedBy(id, owner);
        Condition guard = PromptReads.condition(owned);
        List<SqlStatement> statements = new ArrayList<>(SqlRatingRepository.deleteForPrompt(render, id, guard));
        statements.addAll(SearchIndex.remove(id, owned));
        int first = statements.size();
        statements.addAll(List.of(
                render.statement(render.dsl().deleteFrom(RESPONSES)
                        .where(RESPONSES.PROMPT_ID.eq(id.value())).and(guard)
                        .returning(RESPONSES.CONTENT_BLOB_KEY)),
                render.statement(render.dsl().deleteFrom(PROMPT_TAGS)
                        .where(PROMPT_TAGS.PROMPT_ID.eq(id.value())).and(guard)),
                render.statement(render.dsl().deleteFrom(PROMPT_VERSIONS)
                        .where(PROMPT_VERSIONS.PROMPT_ID.eq(id.value())).and(guard)
                        .returning(PROMPT_VERSIONS.CONTENT_BLOB_KEY)),
                render.statement(render.dsl().deleteFrom(PROMPTS)
                        .where(PROMPTS.ID.eq(id.value())).and(PROMPTS.OWNER_ID.eq(owner.value()))
                        .returning(PROMPTS.CONTENT_BLOB_KEY)),
                // Read back after the change: what was kept, when nothing was deleted.
                PromptReads.prompt(id)));
        List<SqlResult> results = sql.write(statements).subList(first, statements.size());
        if (results.get(3).changes() == 0) {
            return Deletion.refused(PromptReads.prompt(results.get(4)));
        }
        // Versions with the same text share a body: each key once.
        Set<BlobKey> keys = new LinkedHashSet<>();
        for (SqlResult result : List.of(results.get(3), results.get(2), results.getFirst())) {
            for (SqlRow row : result.rows()) {
                keys.add(new BlobKey(row.text(PROMPTS.CONTENT_BLOB_KEY.getName())));
            }
        }
        return new Deletion(List.copyOf(keys), Optional.empty());
    }

    @Override
    public Optional<PromptWithVersions> findWithVersions(PromptId id, Set<Integer> numbers) {
        return withVersions(id, render.statement(render.dsl().selectFrom(PROMPT_VERSIONS)
                .where(PROMPT_VERSIONS.PROMPT_ID.eq(id.value()))
                .and(PROMPT_VERSIONS.VERSION_NUMBER.in(numbers))
                .orderBy(PROMPT_VERSIONS.VERSION_NUMBER)));
    }

    @Override
    public List<PromptVersion> listVersions(PromptId id, int limit, Optional<Integer> before) {
        return sql.read(versionPage(id, limit, before)).rows().stream().map(PromptRows::toVersion).toList();
    }

    @Override
    public Optional<PromptWithVersions> findWithVersionPage(PromptId id, int limit, Optional<Integer> before) {
        return withVersions(id, versionPage(id, limit, before));
    }

    private SqlStatement versionPage(PromptId id, int limit, Optional<Integer> before) {
        Condition condition = PROMPT_VERSIONS.PROMPT_ID.eq(id.value());
        if (before.isPresent()) {
            condition = condition.and(PROMPT_VERSIONS.VERSION_NUMBER.lt(before.get()));
        }
        return render.statement(render.dsl().selectFrom(PROMPT_VERSIONS)
                .where(condition)
                .orderBy(PROMPT_VERSIONS.VERSION_NUMBER.desc())
                .limit(limit));
    }

    /** The prompt and the versions {@code versions} selects, in one read. */
    private Optional<PromptWithVersions> withVersions(PromptId id, SqlStatement versions) {
        List<SqlResult> results = sql.read(List.of(PromptReads.prompt(id), versions));
        return results.getFirst().firstRow().map(PromptRows::toPrompt).map(prompt -> new PromptWithVersions(prompt,
                results.get(1).rows().stream().map(PromptRows::toVersion).toList()));
    }

    @Override
    public Page<PromptSummary> listByOwner(UserId owner, PromptFilter filter, PageRequest page) {
        Condition condition = PROMPTS.OWNER_ID.eq(owner.value());
        if (filter.tag().isPresent()) {
            condition = condition.and(hasTag(filter.tag().get()));
        }
        return list(condition, page);
    }

    @Override
    public Page<PromptSummary> listPublic(Optional<Tag> tag, PageRequest page) {
        Condition condition = PROMPTS.IS_PUBLIC.eq(true);
        if (tag.isPresent()) {
            condition = condition.and(hasTag(tag.get()));
        }
        return list(condition, page);
    }

    private Page<PromptSummary> list(Condition filter, PageRequest page) {
        Condition condition = filter;
        if (page.after().isPresent()) {
            PageCursor after = page.after().get();
            long millis = after.at().toEpochMilli();
            condition = condition.and(PROMPTS.UPDATED_AT.lt(millis)
                    .or(PROMPTS.UPDATED_AT.eq(millis).and(PROMPTS.ID.lt(after.id()))));
        }
        Field<Integer> responseCount = DSL.field(render.dsl().selectCount().from(RESPONSES)
                .where(RESPONSES.PROMPT_ID.eq(PROMPTS.ID))).as(RESPONSE_COUNT);
        int size = page.size().value();
        List<SqlRow> rows = sql.read(render.statement(render.dsl().select(PROMPTS.asterisk(), responseCount)
                .from(PROMPTS)
                .where(condition)
                .orderBy(PROMPTS.UPDATED_AT.desc(), PROMPTS.ID.desc())
                .limit(size + 1))).rows();
        List<PromptSummary> items = rows.stream().limit(size)
                .map(row -> new PromptSummary(PromptRows.toPrompt(row), (int) row.integer(RESPONSE_COUNT)))
                .toList();
        Optional<PageCursor> next = rows.size() > size
                ? Optional.of(PromptRows.cursorOf(items.getLast().prompt()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private Condition hasTag(Tag tag) {
        return DSL.exists(render.dsl().selectOne().from(PROMPT_TAGS)
                .where(PROMPT_TAGS.PROMPT_ID.eq(PROMPTS.ID))
                .and(PROMPT_TAGS.TAG.eq(tag.value())));
    }

    @Override
    public SearchPage search(SearchCriteria criteria) {
        return search.search(criteria);
    }

    @Override
    public List<UnindexedBody> unindexedBodies(int limit) {
        return search.unindexedBodies(limit);
    }

    @Override
    public void indexBodies(List<SearchText> texts) {
        if (texts.isEmpty()) {
            return;
        }
        // The backlog names each body's prompt; a body no longer current is dropped from it unindexed.
        List<SqlStatement> statements = new ArrayList<>();
        Set<String> promptIds = new LinkedHashSet<>();
        for (SearchText text : texts) {
            Optional<SqlRow> backlog = sql.read(SqlStatement.of(
                    "select prompt_id from search_backlog where blob_key = ?", text.key().value())).firstRow();
            backlog.ifPresent(row -> {
                PromptId prompt = new PromptId(row.text("prompt_id"));
                statements.add(SearchIndex.text(prompt, text));
                promptIds.add(prompt.value());
            });
            statements.add(SqlStatement.of("delete from search_backlog where blob_key = ?", text.key().value()));
        }
        promptIds.forEach(id -> statements.addAll(SearchIndex.refresh(new PromptId(id))));
        sql.write(statements);
    }

    /** A prompt's searchable text is the text of its current body. */
    private static void requireBodyOf(Prompt prompt, SearchText text) {
        if (!text.key().equals(prompt.contentKey())) {
            throw new IllegalArgumentException("the search text is not of the prompt's body");
        }
    }
}
