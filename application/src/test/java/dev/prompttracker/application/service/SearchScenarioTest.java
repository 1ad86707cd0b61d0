package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.RestorePromptVersionCommand;
import dev.prompttracker.application.port.in.SearchPromptsQuery;
import dev.prompttracker.application.port.in.SearchResults;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.search.SearchHit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Searching through the use case: bodies beyond the preview, scopes, filters, pages, restores, bad input, re-indexing. */
class SearchScenarioTest {
    private final CoreFixture core = new CoreFixture();

    private SearchResults search(Actor actor, String q, String scope) {
        return search(actor, q, "", "", scope, "", "", 0, "");
    }

    private SearchResults search(Actor actor, String q, String tag, String model, String scope, String from, String to,
                                 int size, String token) {
        return core.app.searchPrompts().searchPrompts(new SearchPromptsQuery(actor, q, tag, model, scope, from, to,
                size, token, new ClientInfo("JUnit", "127.0.0.1")));
    }

    private static List<String> titles(SearchResults results) {
        return results.hits().stream().map(hit -> hit.title().plain()).toList();
    }

    private PromptView create(Actor.SignedIn actor, String title, String content, boolean isPublic, String... tags) {
        return core.app.createPrompt().createPrompt(new CreatePromptCommand(actor, title, content, isPublic, List.of(tags)));
    }

    @Test
    void findsTheCallersAndPublicPromptsByTheirWholeTextNeverOthersPrivateOnes() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        Actor.SignedIn bob = core.actor(core.register("bob"));
        String longText = "x ".repeat(200) + "the keyword serendipity appears late";
        create(ada, "Ada private", longText, false, "notes");
        create(ada, "Ada public", "serendipity in public", true);
        create(bob, "Bob private", "serendipity too", false);

        assertThat(titles(search(ada, "serendipity", ""))).containsExactlyInAnyOrder("Ada private", "Ada public");
        assertThat(titles(search(bob, "serendipity", ""))).containsExactlyInAnyOrder("Bob private", "Ada public");
        assertThat(titles(search(bob, "serendipity", "own"))).containsExactly("Bob private");
        assertThat(titles(search(bob, "serendipity", "public"))).containsExactly("Ada public");
        assertThat(titles(search(Actor.ANONYMOUS, "serendipity", ""))).containsExactly("Ada public");
        assertThatThrownBy(() -> search(Actor.ANONYMOUS, "serendipity", "own")).isInstanceOf(Unauthenticated.class);
        assertThat(titles(search(ada, "serendipity", "notes", "", "", "", "", 0, ""))).containsExactly("Ada private");
        SearchHit hit = search(ada, "serendipity tag:notes", "").hits().getFirst();
        assertThat(hit.snippet().parts()).anySatisfy(part -> assertThat(part).extracting("text", "match")
                .containsExactly("serendipity", true));
    }

    @Test
    void modelFilterAndDateRange() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        PromptView first = create(ada, "First", "compare answers", false);
        core.app.addResponse().addResponse(new AddResponseCommand(ada, first.prompt().id().value(), "gpt-4o",
                "an answer", Optional.empty(), Optional.empty()));
        core.clock.advance(java.time.Duration.ofDays(3));
        create(ada, "Second", "compare answers", false);

        assertThat(titles(search(ada, "compare", "", "GPT-4o", "", "", "", 0, ""))).containsExactly("First");
        assertThat(titles(search(ada, "compare", "", "", "", "2026-11-23", "", 0, ""))).containsExactly("Second");
        assertThat(titles(search(ada, "compare", "", "", "", "", "2026-11-22", 0, ""))).containsExactly("First");
        assertThat(titles(search(ada, "compare", "", "", "", "2026-11-22T00:00:00Z", "2026-12-01T00:00:00+01:00", 0, "")))
                .containsExactlyInAnyOrder("First", "Second");
    }

    @Test
    void pagesWithTokensAndNeverBeyondTheDeepestHit() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        for (int i = 0; i < 5; i++) {
            create(ada, "P" + i, "paged text", false);
            core.clock.advance(java.time.Duration.ofSeconds(1));
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            SearchResults page = search(ada, "paged", "", "", "", "", "", 2, token);
            seen.addAll(titles(page));
            token = page.nextPageToken().orElse("");
        } while (!token.isEmpty());
        assertThat(seen).containsExactly("P4", "P3", "P2", "P1", "P0");
        assertThat(SearchService.parseToken(SearchService.token(999))).isEqualTo(999);
        assertThatThrownBy(() -> SearchService.parseToken(SearchService.token(SearchService.MAX_RESULTS)))
                .isInstanceOf(Invalid.class);
    }

    @Test
    void badInputIsInvalidOnTheFieldAtFault() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        assertInvalid(() -> search(ada, "\"open", ""), "q");
        assertInvalid(() -> search(ada, "", ""), "q");
        assertInvalid(() -> search(ada, "x", "mine"), "scope");
        assertInvalid(() -> search(ada, "x", "", "", "", "yesterday", "", 0, ""), "from");
        assertInvalid(() -> search(ada, "x", "", "", "", "2026-12-02", "2026-12-01", 0, ""), "to");
        assertInvalid(() -> search(ada, "x", "", "", "", "", "", 0, "bm90LWEtdG9rZW4"), "pageToken");
        assertInvalid(() -> search(ada, "x", "", "", "", "", "", -1, ""), "pageSize");
        assertInvalid(() -> search(ada, "x", "t".repeat(41), "", "", "", "", 0, ""), "tag");
        assertInvalid(() -> search(ada, "x", "", "m".repeat(101), "", "", "", 0, ""), "model");
    }

    @Test
    void restoringAVersionMakesItsTextSearchableAgain() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        PromptView prompt = create(ada, "T", "original wording", false);
        String id = prompt.prompt().id().value();
        core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, id, Optional.empty(),
                Optional.of("rewritten entirely"), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(search(ada, "original", "").hits()).isEmpty();
        core.app.restorePromptVersion().restorePromptVersion(new RestorePromptVersionCommand(ada, id, 1, Optional.empty()));
        assertThat(titles(search(ada, "original", ""))).containsExactly("T");
        assertThat(search(ada, "rewritten", "").hits()).isEmpty();
    }

    @Test
    void reIndexingFillsInBodiesStoredBeforeTheIndexAndThenStops() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        String text = "y ".repeat(100) + "hiddenword";
        PromptView prompt = create(ada, "Old", text, false);
        core.app.addResponse().addResponse(new AddResponseCommand(ada, prompt.prompt().id().value(), "m",
                "z ".repeat(100) + "answerword", Optional.empty(), Optional.empty()));
        PromptId id = prompt.prompt().id();
        core.prompts.forgetSearchText(id);
        assertThat(search(ada, "hiddenword", "").hits()).as("only the preview is indexed").isEmpty();

        assertThat(core.app.indexSearchBodies().indexMissingBodies()).isEqualTo(2);
        assertThat(core.app.indexSearchBodies().indexMissingBodies()).isZero();
        assertThat(titles(search(ada, "hiddenword answerword", ""))).containsExactly("Old");
    }

    private static void assertInvalid(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOf(Invalid.class)
                .satisfies(e -> assertThat(((Invalid) e).fieldErrors()).extracting("field").contains(field));
    }
}
