package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The FTS5 expressions a search matches and ranks by. */
class SearchIndexTest {
    private static final UserId ADA = new UserId("0b6f1b7e-3c1a-4d2e-9f00-123456789abc");
    private static final String SCOPE = "{access} : (\"public\" OR \"u0b6f1b7e3c1a4d2e9f00123456789abc\")";

    private static Optional<String> rank(String q) {
        return SearchIndex.rankBy(SearchQuery.parse(q));
    }

    @Test
    void aSearchRanksByItsWordsWithoutTheScope() {
        assertThat(rank("haiku")).contains("(\"haiku\")");
        assertThat(rank("haiku rain")).contains("(\"haiku\" AND \"rain\")");
        assertThat(rank("hai*")).contains("(\"hai\"*)");
        assertThat(SearchIndex.match(SearchQuery.parse("haiku rain"), Optional.of(ADA), true))
                .contains("(\"haiku\" AND \"rain\" AND " + SCOPE + ")");
    }

    @Test
    void aPhraseRanksByItsWordsAndExclusionsAndFiltersAddNothing() {
        assertThat(rank("\"quick brown\" fox")).contains("(\"quick\" AND \"brown\" AND \"fox\")");
        assertThat(rank("gpt-4o")).as("a word the tokenizer splits is a phrase").contains("(\"gpt\" AND \"4o\")");
        assertThat(rank("\"so it goes\"*")).contains("(\"so\" AND \"it\" AND \"goes\"*)");
        assertThat(rank("fox -dog")).contains("(\"fox\")");
        assertThat(rank("fox tag:poetry model:gpt-4o")).contains("(\"fox\")");
        assertThat(rank("tag:poetry model:gpt-4o")).as("nothing but filters: ranked by their columns")
                .contains("({tags} : \"poetry\" AND {models} : \"gpt-4o\")");
    }
}
