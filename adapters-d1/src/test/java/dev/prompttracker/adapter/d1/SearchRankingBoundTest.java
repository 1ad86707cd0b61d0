package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.repository.SqlPromptRepository;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.port.out.PromptRepository.SearchCriteria;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A word in more than 1,000 documents the caller may read ranks only the 1,000 newest: the oldest
 * prompt, the most relevant one, drops out of such a search and comes first in a narrower one.
 */
class SearchRankingBoundTest extends RepositoryFactory.OnSqlite {

    @Test
    void aVeryCommonWordRanksTheNewestThousandMatches() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        SqlPromptRepository prompts = new SqlPromptRepository(sql());
        Prompt oldest = save(prompts, user, Fixtures.T0, "common common common rare", "common and rare");
        for (int i = 1; i <= 1_010; i++) {
            save(prompts, user, Fixtures.T0.plusSeconds(i), "", "common word number " + i + (i % 250 == 0 ? " rare" : ""));
        }
        assertThat(ids(prompts, user, "common")).hasSize(20).doesNotContain(oldest.id());
        assertThat(ids(prompts, user, "common rare").getFirst()).isEqualTo(oldest.id());
    }

    @Test
    void aDateRangeStillFindsOldMatchesBehindAThousandNewerOnes() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        User other = Fixtures.uniqueUser();
        users().create(other);
        SqlPromptRepository prompts = new SqlPromptRepository(sql());
        Prompt oldest = save(prompts, user, Fixtures.T0, "", "common and old");
        for (int i = 1; i <= 1_010; i++) {
            save(prompts, other, Fixtures.T0.plusSeconds(i), "", "common word of someone else " + i);
        }
        assertThat(ids(prompts, user, "common")).as("others' prompts are not the caller's thousand")
                .containsExactly(oldest.id());
        for (int i = 1; i <= 1_010; i++) {
            save(prompts, user, Fixtures.T0.plusSeconds(i), "", "common word number " + i);
        }
        assertThat(prompts.search(new SearchCriteria(SearchQuery.parse("common"), Optional.of(user.id()), false,
                Optional.empty(), Optional.of(Fixtures.T0.plusMillis(500)), 0, 20)).hits())
                .extracting(hit -> hit.summary().prompt().id()).containsExactly(oldest.id());
    }

    private static Prompt save(SqlPromptRepository prompts, User user, Instant at, String title, String body) {
        Prompt prompt = new Prompt(PromptId.random(), user.id(), Title.parseOptional(title), ContentPreview.of(body),
                BlobKey.newPromptKey(at), false, Tags.none(), at, at, 1, 1);
        prompts.create(prompt, SearchText.ofPrompt(prompt.contentKey(), body));
        return prompt;
    }

    private static List<PromptId> ids(SqlPromptRepository prompts, User user, String q) {
        return prompts.search(new SearchCriteria(SearchQuery.parse(q), Optional.of(user.id()), false, Optional.empty(),
                Optional.empty(), 0, 20)).hits().stream().map(hit -> hit.summary().prompt().id()).toList();
    }
}
