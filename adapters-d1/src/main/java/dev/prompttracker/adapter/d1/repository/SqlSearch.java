package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.PromptRepository.SearchCriteria;
import dev.prompttracker.application.port.out.PromptRepository.SearchPage;
import dev.prompttracker.application.port.out.PromptRepository.UnindexedBody;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.search.Highlighted;
import dev.prompttracker.domain.search.SearchHit;
import dev.prompttracker.domain.search.SearchQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Searches the FTS5 index of migration 0005 in one read: the matching documents the caller may read
 * (narrowed inside the index by its access column, checked again on the rows), ranked by bm25 with
 * weights per column; only the page's rows get their snippets. Ranking costs a bm25 per match, so a
 * query matching more than {@value #RANKED_MATCHES} documents ranks the {@value #RANKED_MATCHES} newest
 * of them (documents are numbered in creation order): a word found in nearly every prompt cannot
 * make a search slow. Those matches are found with no more of the rows than the filters need, and
 * ranked by their words alone (bm25 counts each phrase of its expression in the whole index first):
 * see bench/README.md, "Search".
 */
final class SqlSearch {
    /** bm25 weights of title, text, responses, models, tags, access: a word in the title says most. */
    static final String RANK = "bm25(prompt_search, 10.0, 4.0, 1.0, 2.0, 2.0, 0.0)";
    /** Most matches ranked by one search (the newest): as deep as a search page reaches. */
    static final int RANKED_MATCHES = 1_000;
    /** Tokens of context in a snippet. */
    static final int SNIPPET_TOKENS = 16;
    /** Snippet candidates, best first: the text, then the responses, models and tags. */
    private static final int[] SNIPPET_COLUMNS = {1, 2, 3, 4};
    private static final String TITLE = "highlight(prompt_search, 0, char(2), char(3))";
    private static final String COUNT = "(select count(*) from responses r where r.prompt_id = p.id) as response_count";

    private final SqlExecutor sql;

    SqlSearch(SqlExecutor sql) {
        this.sql = sql;
    }

    SearchPage search(SearchCriteria criteria) {
        SearchQuery query = criteria.query();
        Clause rows = rowFilters(criteria);
        Clause exact = exactFilters(query, "p.id");
        Clause filters = rows.and(exact);
        Optional<String> match = SearchIndex.match(query, criteria.owner(), criteria.includePublic());
        List<SqlRow> found = match.isPresent()
                ? ranked(match.get(), rows, filters, criteria)
                : filtersOnly(query, filters.sql(), filters.params(), criteria);
        List<SearchHit> hits = found.stream().limit(criteria.limit()).map(row -> new SearchHit(
                new PromptSummary(PromptRows.toPrompt(row), (int) row.integer("response_count")),
                row.optionalText("title_marked").map(Highlighted::fromMarked).orElse(Highlighted.EMPTY),
                snippet(row))).toList();
        return new SearchPage(hits, found.size() > criteria.limit());
    }

    /** SQL conditions (each starting with " and") and their values, in order. */
    private record Clause(String sql, List<Object> params) {
        static final Clause NONE = new Clause("", List.of());

        Clause and(Clause other) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(other.params);
            return new Clause(sql + other.sql, all);
        }
    }

    /** The caller's scope and the date range, on the prompt's row ({@code p}). */
    private static Clause rowFilters(SearchCriteria criteria) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (criteria.owner().isPresent() && criteria.includePublic()) {
            sql.append(" and (p.owner_id = ? or p.is_public = 1)");
            params.add(criteria.owner().get().value());
        } else if (criteria.owner().isPresent()) {
            sql.append(" and p.owner_id = ?");
            params.add(criteria.owner().get().value());
        } else {
            sql.append(" and p.is_public = 1");
        }
        criteria.from().ifPresent(from -> {
            sql.append(" and p.created_at >= ?");
            params.add(from.toEpochMilli());
        });
        criteria.to().ifPresent(to -> {
            sql.append(" and p.created_at < ?");
            params.add(to.toEpochMilli());
        });
        return new Clause(sql.toString(), params);
    }

    /** The exact tag and model checks, which the index only approximates, on the prompt id in {@code promptId}. */
    private static Clause exactFilters(SearchQuery query, String promptId) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Tag tag : query.tags()) {
            sql.append(" and exists (select 1 from prompt_tags t where t.prompt_id = ").append(promptId)
                    .append(" and t.tag = ?)");
            params.add(tag.value());
        }
        for (ModelName model : query.models()) {
            sql.append(" and exists (select 1 from responses r where r.prompt_id = ").append(promptId)
                    .append(" and lower(r.model_name) = lower(?))");
            params.add(model.value());
        }
        return new Clause(sql.toString(), params);
    }

    /**
     * {@code matches}: the {@value #RANKED_MATCHES} newest documents of the whole match that pass the
     * filters, walked in document order without ranking; {@code page}: those, ranked by their words
     * (see {@link SearchIndex#rankBy}); then the page's rows with their title and snippets.
     */
    private List<SqlRow> ranked(String match, Clause rows, Clause filters, SearchCriteria criteria) {
        SearchQuery query = criteria.query();
        String joined = "from prompt_search join search_documents d on d.doc_id = prompt_search.rowid "
                + "join prompts p on p.id = d.prompt_id where prompt_search match ?";
        StringBuilder snippets = new StringBuilder();
        for (int column : SNIPPET_COLUMNS) {
            snippets.append(", snippet(prompt_search, ").append(column).append(", char(2), char(3), '…', ")
                    .append(SNIPPET_TOKENS).append(") as snippet_").append(column);
        }
        // The matches need no more than the filters do: the index alone holds the caller's scope (its
        // access column); an exact tag or model check needs the document's prompt id; only dates need
        // the rows. Walking the rows for every match was most of a search's time.
        String matchesFrom;
        Clause matchesFilters;
        if (criteria.from().isPresent() || criteria.to().isPresent()) {
            matchesFrom = joined;
            matchesFilters = filters;
        } else if (!query.tags().isEmpty() || !query.models().isEmpty()) {
            matchesFrom = "from prompt_search join search_documents d on d.doc_id = prompt_search.rowid "
                    + "where prompt_search match ?";
            matchesFilters = exactFilters(query, "d.prompt_id");
        } else {
            matchesFrom = "from prompt_search where prompt_search match ?";
            matchesFilters = Clause.NONE;
        }
        // Ranked by the words alone, over the listed matches only: the + keeps FTS5 from running its query
        // (and bm25's counts) once for each listed document; the lower rowid bound lets it skip older ones.
        // The rows' scope is checked again.
        String text = "with matches as materialized (select prompt_search.rowid as doc_id " + matchesFrom
                + matchesFilters.sql() + " order by prompt_search.rowid desc limit " + RANKED_MATCHES + "), "
                + "page as (select prompt_search.rowid as doc_id, " + RANK + " as score, p.updated_at, p.id " + joined
                + " and +prompt_search.rowid in (select doc_id from matches)"
                + " and prompt_search.rowid >= (select coalesce(min(doc_id), 0) from matches)" + rows.sql()
                + " order by score, p.updated_at desc, p.id desc limit ? offset ?) "
                + "select p.*, " + COUNT + ", " + TITLE + " as title_marked" + snippets
                + " from page join prompt_search on prompt_search.rowid = page.doc_id "
                + "join prompts p on p.id = page.id "
                + "where prompt_search match ? "
                + "order by page.score, page.updated_at desc, page.id desc";
        List<Object> params = new ArrayList<>();
        params.add(match);
        params.addAll(matchesFilters.params());
        params.add(SearchIndex.rankBy(query).orElse(match));
        params.addAll(rows.params());
        params.add((long) criteria.limit() + 1);
        params.add((long) criteria.offset());
        params.add(match);
        return sql.read(new SqlStatement(text, params)).rows();
    }

    /** The first field's snippet that holds a match, else the text's beginning. */
    private static Highlighted snippet(SqlRow row) {
        for (int column : SNIPPET_COLUMNS) {
            Optional<Highlighted> snippet = row.optionalText("snippet_" + column).map(Highlighted::fromMarked);
            if (snippet.isPresent() && snippet.get().hasMatch()) {
                return snippet.get();
            }
        }
        return row.optionalText("snippet_" + SNIPPET_COLUMNS[0]).map(Highlighted::fromMarked).orElse(Highlighted.EMPTY);
    }

    /** Filters whose values have no words to match: newest update first, without snippets. */
    private List<SqlRow> filtersOnly(SearchQuery query, String filters, List<Object> filterParams,
                                     SearchCriteria criteria) {
        List<Object> params = new ArrayList<>(filterParams);
        String exclusion = "";
        if (!query.excluded().isEmpty()) {
            exclusion = " and p.id not in (select d.prompt_id from prompt_search "
                    + "join search_documents d on d.doc_id = prompt_search.rowid where prompt_search match ?)";
            params.add(String.join(" OR ", query.excluded().stream()
                    .map(term -> SearchIndex.quote(term.text()) + (term.prefix() ? "*" : "")).toList()));
        }
        params.add((long) criteria.limit() + 1);
        params.add((long) criteria.offset());
        return sql.read(new SqlStatement("select p.*, " + COUNT + ", null as title_marked "
                + "from prompts p where 1 = 1" + filters + exclusion
                + " order by p.updated_at desc, p.id desc limit ? offset ?", params)).rows();
    }

    List<UnindexedBody> unindexedBodies(int limit) {
        return sql.read(SqlStatement.of("select blob_key, of_prompt, preview from search_backlog limit ?", (long) limit))
                .rows().stream().map(row -> new UnindexedBody(new BlobKey(row.text("blob_key")),
                        row.bool("of_prompt"), new ContentPreview(row.text("preview")))).toList();
    }
}
