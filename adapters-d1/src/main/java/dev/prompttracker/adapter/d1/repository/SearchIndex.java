package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The statements that keep the full-text index (migration 0005) in step with the metadata. Each
 * write of a prompt or a response appends them to its own unit: store the new body's searchable
 * text, drop texts of bodies no longer current, then rebuild the prompt's document from
 * {@code search_sources}. They hold no condition of their own: the document is rebuilt from whatever
 * the unit left in the tables, so a refused (stale) write leaves the document as it was.
 */
final class SearchIndex {
    /** A body's text, kept only while the prompt or one of its responses points at that body. */
    private static final String INSERT_TEXT = "insert or replace into search_texts (blob_key, prompt_id, body) "
            + "select ?, ?, ? where exists (select 1 from prompts where id = ? and content_blob_key = ?) "
            + "or exists (select 1 from responses where prompt_id = ? and content_blob_key = ?)";
    private static final String PRUNE_TEXTS = "delete from search_texts where prompt_id = ? "
            + "and blob_key not in (select content_blob_key from prompts where id = ?) "
            + "and blob_key not in (select content_blob_key from responses where prompt_id = ?)";
    private static final String ADD_DOCUMENT = "insert or ignore into search_documents (prompt_id) "
            + "select id from prompts where id = ?";
    private static final String DELETE_FROM_INDEX = "delete from prompt_search where rowid = "
            + "(select doc_id from search_documents where prompt_id = ?)";
    private static final String INSERT_INTO_INDEX = "insert into prompt_search (rowid, title, body, responses, models, "
            + "tags, access) select doc_id, title, body, responses, models, tags, access from search_sources "
            + "where prompt_id = ?";
    private static final String DELETE_DOCUMENT = "delete from search_documents where prompt_id = ?";
    private static final String DELETE_TEXTS = "delete from search_texts where prompt_id = ?";

    private SearchIndex() {
    }

    static SqlStatement text(PromptId prompt, SearchText text) {
        String key = text.key().value();
        return SqlStatement.of(INSERT_TEXT, key, prompt.value(), text.text(), prompt.value(), key, prompt.value(), key);
    }

    /** Drops stale texts and rebuilds the prompt's document (nothing when the prompt is gone). */
    static List<SqlStatement> refresh(PromptId prompt) {
        String id = prompt.value();
        return List.of(SqlStatement.of(PRUNE_TEXTS, id, id, id), SqlStatement.of(ADD_DOCUMENT, id),
                SqlStatement.of(DELETE_FROM_INDEX, id), SqlStatement.of(INSERT_INTO_INDEX, id));
    }

    /**
     * Removes the prompt from the index where {@code guard} (a condition with its values) holds; runs
     * before the prompt's row is deleted.
     */
    static List<SqlStatement> remove(PromptId prompt, SqlStatement guard) {
        return Stream.of(DELETE_FROM_INDEX, DELETE_DOCUMENT, DELETE_TEXTS).map(sql -> {
            List<Object> params = new ArrayList<>();
            params.add(prompt.value());
            params.addAll(guard.params());
            return new SqlStatement(sql + " and " + guard.sql(), params);
        }).toList();
    }

    static List<SqlStatement> withRefresh(PromptId prompt, List<SqlStatement> statements) {
        List<SqlStatement> all = new ArrayList<>(statements);
        all.addAll(refresh(prompt));
        return all;
    }

    /**
     * The query as an FTS5 expression in which every term is an FTS5 string (double quotes doubled),
     * so no user input is ever read as FTS5 syntax. Tag and model filters also narrow through their
     * columns here; the SQL around it checks them exactly. Empty when nothing is left to match (only
     * filters without letters or digits): the search then lists by filters alone.
     */
    static Optional<String> match(SearchQuery query, Optional<UserId> owner, boolean includePublic) {
        List<String> required = new ArrayList<>();
        query.included().forEach(term -> required.add(string(term)));
        // A filter value without letters or digits has no tokens: only the exact check applies.
        query.tags().stream().filter(tag -> SearchQuery.hasWordCharacter(tag.value()))
                .forEach(tag -> required.add("{tags} : " + quote(tag.value())));
        query.models().stream().filter(model -> SearchQuery.hasWordCharacter(model.value()))
                .forEach(model -> required.add("{models} : " + quote(model.value())));
        if (required.isEmpty()) {
            return Optional.empty();
        }
        required.add(access(owner, includePublic));
        String expression = "(" + String.join(" AND ", required) + ")";
        if (!query.excluded().isEmpty()) {
            List<String> excluded = query.excluded().stream().map(SearchIndex::string).toList();
            expression += " NOT (" + String.join(" OR ", excluded) + ")";
        }
        return Optional.of(expression);
    }

    /**
     * What a search ranks by: the words of the included terms, each an FTS5 string of one token (a
     * prefix term's last word keeps its {@code *}), or, with no words, the tag and model columns it
     * filters on. Never the scope, exclusions or phrases: bm25 first counts, for every phrase of its
     * expression, the documents holding it in the whole index, so the scope's "public" would cost a walk
     * of half the index in every search, and a phrase of two common words tens of milliseconds. The
     * scope's column has weight 0 and a document enters the ranking only through {@link #match}, so
     * neither changes a score. Empty only when {@link #match} is.
     */
    static Optional<String> rankBy(SearchQuery query) {
        List<String> words = new ArrayList<>();
        for (SearchQuery.Term term : query.included()) {
            List<String> tokens = Arrays.stream(term.text().split("[^\\p{L}\\p{N}]+")).filter(t -> !t.isEmpty()).toList();
            for (int i = 0; i < tokens.size(); i++) {
                words.add(quote(tokens.get(i)) + (term.prefix() && i == tokens.size() - 1 ? "*" : ""));
            }
        }
        if (words.isEmpty()) {
            query.tags().stream().filter(tag -> SearchQuery.hasWordCharacter(tag.value()))
                    .forEach(tag -> words.add("{tags} : " + quote(tag.value())));
            query.models().stream().filter(model -> SearchQuery.hasWordCharacter(model.value()))
                    .forEach(model -> words.add("{models} : " + quote(model.value())));
        }
        return words.isEmpty() ? Optional.empty() : Optional.of("(" + String.join(" AND ", words) + ")");
    }

    private static String access(Optional<UserId> owner, boolean includePublic) {
        List<String> access = new ArrayList<>();
        if (includePublic) {
            access.add("\"public\"");
        }
        owner.ifPresent(id -> access.add(quote(ownerToken(id))));
        return "{access} : (" + String.join(" OR ", access) + ")";
    }

    private static String string(SearchQuery.Term term) {
        return quote(term.text()) + (term.prefix() ? "*" : "");
    }

    /** The owner's token in the access column (see migration 0005): "u" and the id's hex digits. */
    static String ownerToken(UserId owner) {
        return "u" + owner.value().replace("-", "");
    }

    static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
