package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.PromptRepository.SearchCriteria;
import dev.prompttracker.application.port.out.PromptRepository.SearchPage;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.search.Highlighted;
import dev.prompttracker.domain.search.SearchHit;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Full-text search through {@link PromptRepository#search}: what is found (every field, beyond the
 * preview), by whom (never another user's private prompt), how the query forms and filters narrow it,
 * that every write keeps the index current in the same unit, ranking, snippets and paging. Each test
 * searches for words of its own, so the tests share one store.
 */
public interface PromptSearchContract {

    PromptRepository prompts();

    ResponseRepository responses();

    UserRepository users();

    private UserId searcher() {
        var user = Fixtures.uniqueUser();
        users().create(user);
        return user.id();
    }

    private Prompt save(UserId owner, Instant at, String title, String body, boolean isPublic, String... tags) {
        Prompt prompt = new Prompt(PromptId.random(), owner, Title.parseOptional(title), ContentPreview.of(body),
                BlobKey.newPromptKey(at), isPublic, Tags.parse(List.of(tags)), at, at, 1, 1);
        prompts().create(prompt, SearchText.ofPrompt(prompt.contentKey(), body));
        return prompt;
    }

    private Response answer(Prompt prompt, String model, String body) {
        Response response = new Response(ResponseId.random(), prompt.id(), new ModelName(model),
                ContentPreview.of(body), BlobKey.newResponseKey(Fixtures.T0), true, Fixtures.T0, Fixtures.T0, 1, 1);
        responses().create(response, SearchText.ofResponse(response.contentKey(), body));
        return response;
    }

    private SearchPage search(String q, Optional<UserId> owner, boolean includePublic) {
        return prompts().search(new SearchCriteria(SearchQuery.parse(q), owner, includePublic, Optional.empty(),
                Optional.empty(), 0, 50));
    }

    private List<PromptId> found(String q, UserId owner) {
        return ids(search(q, Optional.of(owner), false));
    }

    private static List<PromptId> ids(SearchPage page) {
        return page.hits().stream().map(hit -> hit.summary().prompt().id()).toList();
    }

    private static String filler(int chars) {
        return "lorem ipsum dolor sit amet ".repeat(chars / 27 + 1).substring(0, chars);
    }

    @Test
    default void findsWordsInTitleTextBeyondThePreviewResponsesModelsAndTags() {
        UserId owner = searcher();
        String inTitle = Fixtures.uniqueWord();
        String inText = Fixtures.uniqueWord();
        String inResponse = Fixtures.uniqueWord();
        String inModel = Fixtures.uniqueWord();
        String inTag = Fixtures.uniqueWord();
        Prompt prompt = save(owner, Fixtures.T0, "About " + inTitle, filler(300) + " " + inText + ".", false, inTag);
        answer(prompt, "model-" + inModel, filler(200) + " " + inResponse);

        for (String word : List.of(inTitle, inText, inResponse, inModel, inTag)) {
            assertThat(found(word, owner)).as(word).containsExactly(prompt.id());
        }
        assertThat(found(inTitle + " " + inResponse, owner)).as("words may come from different fields")
                .containsExactly(prompt.id());
        assertThat(found(inTitle + " " + Fixtures.uniqueWord(), owner)).as("every word must occur").isEmpty();
        SearchHit hit = search(inTitle, Optional.of(owner), false).hits().getFirst();
        assertThat(hit.summary().responseCount()).isEqualTo(1);
        assertThat(hit.summary().prompt()).isEqualTo(prompt);
    }

    @Test
    default void neverFindsAnotherUsersPrivatePrompt() {
        UserId alice = searcher();
        UserId bob = searcher();
        String word = Fixtures.uniqueWord();
        Prompt alicePrivate = save(alice, Fixtures.T0, "a", word, false);
        Prompt alicePublic = save(alice, Fixtures.T0.plusSeconds(1), "b", word, true);
        Prompt bobPrivate = save(bob, Fixtures.T0.plusSeconds(2), "c", word, false);

        assertThat(ids(search(word, Optional.of(alice), true))).containsExactlyInAnyOrder(alicePrivate.id(), alicePublic.id());
        assertThat(ids(search(word, Optional.of(alice), false))).containsExactlyInAnyOrder(alicePrivate.id(), alicePublic.id());
        assertThat(ids(search(word, Optional.empty(), true))).containsExactly(alicePublic.id());
        assertThat(ids(search(word, Optional.of(bob), false))).containsExactly(bobPrivate.id());
        assertThat(ids(search(word, Optional.of(bob), true))).containsExactlyInAnyOrder(bobPrivate.id(), alicePublic.id());
    }

    @Test
    default void phrasesPrefixesExclusionsAndAccents() {
        UserId owner = searcher();
        String w = Fixtures.uniqueWord();
        Prompt quickBrown = save(owner, Fixtures.T0, "", w + " the quick brown fox", false);
        Prompt brownQuick = save(owner, Fixtures.T0, "", w + " brown, quick: a café", false);
        Prompt fox = save(owner, Fixtures.T0, "", "fox " + w, false);

        assertThat(found(w + " \"quick brown\"", owner)).containsExactly(quickBrown.id());
        assertThat(found(w + " -fox", owner)).containsExactly(brownQuick.id());
        assertThat(found(w + " -\"quick brown\"", owner)).containsExactlyInAnyOrder(brownQuick.id(), fox.id());
        assertThat(found(w + " qui*", owner)).containsExactlyInAnyOrder(quickBrown.id(), brownQuick.id());
        assertThat(found(w.substring(0, 8) + "*", owner)).containsExactlyInAnyOrder(quickBrown.id(), brownQuick.id(), fox.id());
        assertThat(found(w + " CAFE", owner)).as("case and accents fold").containsExactly(brownQuick.id());
        assertThat(found(w + " \"quick\" OR", owner)).as("operators of the index's syntax are plain words").isEmpty();
    }

    @Test
    default void filtersByExactTagModelAndCreationTime() {
        UserId owner = searcher();
        String w = Fixtures.uniqueWord();
        Prompt ml = save(owner, Fixtures.T0, "", w, false, "ml");
        Prompt mlOps = save(owner, Fixtures.T0.plus(Duration.ofDays(2)), "", w, false, "ml-ops", "ops");
        Prompt later = save(owner, Fixtures.T0.plus(Duration.ofDays(4)), "", w, false);
        answer(mlOps, "gpt-4o", "an answer");
        answer(later, "gpt-4o-mini", "another answer");

        assertThat(found(w + " tag:ml", owner)).containsExactly(ml.id());
        assertThat(found(w + " tag:ml-ops", owner)).containsExactly(mlOps.id());
        assertThat(found("tag:ml-ops", owner)).as("a filter alone is a search").containsExactly(mlOps.id());
        assertThat(found(w + " model:GPT-4o", owner)).containsExactly(mlOps.id());
        assertThat(found(w + " model:gpt-4o-mini", owner)).containsExactly(later.id());
        assertThat(found(w + " tag:ops model:gpt-4o-mini", owner)).isEmpty();

        SearchPage window = prompts().search(new SearchCriteria(SearchQuery.parse(w), Optional.of(owner), false,
                Optional.of(Fixtures.T0.plus(Duration.ofDays(1))), Optional.of(Fixtures.T0.plus(Duration.ofDays(4))), 0, 10));
        assertThat(ids(window)).as("from inclusive, to exclusive").containsExactly(mlOps.id());
    }

    @Test
    default void ranksTitleMatchesFirstAndMarksTheMatches() {
        UserId owner = searcher();
        String w = Fixtures.uniqueWord();
        Prompt inResponse = save(owner, Fixtures.T0.plusSeconds(5), "Nothing here", "plain text", false);
        answer(inResponse, "m", filler(120) + " then " + w.toUpperCase(Locale.ROOT) + " and " + filler(120));
        Prompt inTitle = save(owner, Fixtures.T0, "All about " + w, "text that mentions " + w + " once", false);

        SearchPage page = search(w, Optional.of(owner), false);
        assertThat(ids(page)).containsExactly(inTitle.id(), inResponse.id());
        SearchHit top = page.hits().getFirst();
        assertThat(top.title().plain()).isEqualTo("All about " + w);
        assertThat(top.title().parts()).contains(new Highlighted.Part(w, true));
        SearchHit second = page.hits().get(1);
        assertThat(second.title().hasMatch()).isFalse();
        assertThat(second.snippet().parts()).contains(new Highlighted.Part(w.toUpperCase(Locale.ROOT), true));
        assertThat(second.snippet().plain().length()).as("a snippet, not the whole text").isLessThan(200);
    }

    @Test
    default void everyWriteKeepsTheIndexCurrent() {
        UserId owner = searcher();
        String first = Fixtures.uniqueWord();
        Prompt prompt = save(owner, Fixtures.T0, "t", "body " + first, false, "tag1");

        String second = Fixtures.uniqueWord();
        BlobKey newKey = BlobKey.newPromptKey(Fixtures.T0.plusSeconds(1));
        Prompt revised = prompt.revise(Title.parseOptional("title " + second), ContentPreview.of("new body " + second),
                newKey, false, Tags.parse(List.of("tag2")), Fixtures.T0.plusSeconds(1));
        prompts().update(revised, Optional.empty(), Optional.of(SearchText.ofPrompt(newKey, "new body " + second)));
        assertThat(found(first, owner)).as("the old text is gone").isEmpty();
        assertThat(found(second + " tag:tag2", owner)).containsExactly(prompt.id());
        assertThat(found("tag:tag1 " + second, owner)).isEmpty();

        String lost = Fixtures.uniqueWord();
        Prompt stale = prompt.revise(Optional.empty(), ContentPreview.of(lost), BlobKey.newPromptKey(Fixtures.T0), false,
                Tags.none(), Fixtures.T0.plusSeconds(2));
        assertThatThrownBy(() -> prompts().update(stale, Optional.empty(),
                Optional.of(SearchText.ofPrompt(stale.contentKey(), lost)))).isInstanceOf(Conflict.class);
        assertThat(found(lost, owner)).as("a refused update indexes nothing").isEmpty();
        assertThat(found(second, owner)).containsExactly(prompt.id());

        String answered = Fixtures.uniqueWord();
        Response response = answer(revised, "claude", "says " + answered);
        assertThat(found(answered + " model:claude", owner)).containsExactly(prompt.id());
        String reworded = Fixtures.uniqueWord();
        BlobKey responseKey = BlobKey.newResponseKey(Fixtures.T0.plusSeconds(3));
        responses().update(prompt.id(), response.id(), owner, new ResponseRepository.Revision(
                Optional.of(new ModelName("gemini")), Optional.of(new ResponseRepository.NewBody(
                        ContentPreview.of(reworded), SearchText.ofResponse(responseKey, "now " + reworded))),
                Optional.empty(), Fixtures.T0.plusSeconds(3)));
        assertThat(found(answered, owner)).isEmpty();
        assertThat(found(reworded + " model:gemini", owner)).containsExactly(prompt.id());
        assertThat(found(reworded + " model:claude", owner)).isEmpty();
        responses().update(prompt.id(), response.id(), owner, new ResponseRepository.Revision(
                Optional.of(new ModelName("mistral")), Optional.empty(), Optional.empty(), Fixtures.T0.plusSeconds(4)));
        assertThat(found(reworded + " model:mistral", owner)).as("an unchanged body keeps its text").containsExactly(prompt.id());

        responses().delete(prompt.id(), response.id(), owner);
        assertThat(found(reworded, owner)).isEmpty();
        assertThat(search(second, Optional.of(owner), false).hits().getFirst().summary().responseCount()).isZero();

        prompts().delete(prompt.id(), owner);
        assertThat(found(second, owner)).isEmpty();
        assertThat(prompts().unindexedBodies(100)).extracting(body -> body.key())
                .doesNotContain(prompt.contentKey(), newKey, responseKey);
    }

    @Test
    default void pagesByOffsetWithoutRepeats() {
        UserId owner = searcher();
        String w = Fixtures.uniqueWord();
        List<PromptId> saved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            saved.add(save(owner, Fixtures.T0.plusSeconds(i), "", w + " item", false).id());
        }
        List<PromptId> seen = new ArrayList<>();
        int offset = 0;
        while (true) {
            SearchPage page = prompts().search(new SearchCriteria(SearchQuery.parse(w), Optional.of(owner), false,
                    Optional.empty(), Optional.empty(), offset, 2));
            seen.addAll(ids(page));
            offset += page.hits().size();
            if (!page.more()) {
                break;
            }
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(saved);
        assertThat(seen).as("equally relevant: newest update first").containsExactlyElementsOf(saved.reversed());
    }
}
