package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.PromptWithVersions;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public interface PromptRepositoryContract extends PromptSearchContract {

    private UserId newOwner() {
        var user = Fixtures.uniqueUser();
        users().create(user);
        return user.id();
    }

    private Prompt stored(UserId owner, Instant at, String content, boolean isPublic, String... tags) {
        Prompt prompt = Fixtures.prompt(owner, at, content, isPublic, tags);
        prompts().create(prompt, Fixtures.text(prompt));
        return prompt;
    }

    private static PageRequest firstPage(int size) {
        return new PageRequest(PageSize.of(size), Optional.empty());
    }

    @Test
    default void readsBackACreatedPromptWithItsTagsInOrder() {
        Prompt prompt = stored(newOwner(), Fixtures.T0, "Explain monads", true, "fp", "haskell", "a tag");
        assertThat(prompts().findById(prompt.id())).contains(prompt);
        assertThat(prompts().findById(prompt.id()).orElseThrow().tags().strings())
                .containsExactly("fp", "haskell", "a tag");
        assertThat(prompts().findById(PromptId.random())).isEmpty();
    }

    @Test
    default void importsAPromptWithItsHistoryKeepingIdsTimesAndNumbers() {
        UserId owner = newOwner();
        PromptId id = PromptId.random();
        java.time.Instant created = Fixtures.T0.minusSeconds(3_600);
        BlobKey first = BlobKey.newPromptKey(created);
        BlobKey second = BlobKey.newPromptKey(created.plusSeconds(60));
        String word = Fixtures.uniqueWord();
        List<PromptVersion> history = List.of(
                new PromptVersion(id, 1, Title.parseOptional("Draft"), ContentPreview.of("first"), first, owner,
                        Optional.empty(), created),
                new PromptVersion(id, 2, Title.parseOptional("Draft"), ContentPreview.of("second " + word), second,
                        owner, VersionMessage.parseOptional("sharper"), created.plusSeconds(60)),
                new PromptVersion(id, 3, Title.parseOptional("Final"), ContentPreview.of("second " + word), second,
                        owner, Optional.empty(), created.plusSeconds(120)));
        Prompt prompt = new Prompt(id, owner, Title.parseOptional("Final"), ContentPreview.of("second " + word),
                second, true, Tags.parse(List.of("kept", "order")), created, created.plusSeconds(120), 1, 3);
        prompts().importPrompt(prompt, history, dev.prompttracker.domain.search.SearchText.ofPrompt(second,
                "second " + word));

        assertThat(prompts().findById(id)).contains(prompt);
        assertThat(prompts().listVersions(id, 10, Optional.empty())).containsExactlyElementsOf(history.reversed());
        assertThat(prompts().listPublic(Optional.of(Tag.parse("kept")), firstPage(100)).items())
                .extracting(summary -> summary.prompt().id()).contains(id);
        assertThat(prompts().search(new PromptRepository.SearchCriteria(dev.prompttracker.domain.search.SearchQuery.parse(word),
                Optional.of(owner), false, Optional.empty(), Optional.empty(), 0, 10)).hits())
                .as("indexed in the same unit").extracting(hit -> hit.summary().prompt().id()).containsExactly(id);
        assertThatThrownBy(() -> prompts().importPrompt(prompt, history,
                dev.prompttracker.domain.search.SearchText.ofPrompt(second, "again")))
                .isInstanceOf(Conflict.class);
        assertThat(prompts().listVersions(id, 10, Optional.empty())).hasSize(3);
        assertThat(prompts().delete(id, owner).keys()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    default void aPromptWithoutTitleOrTagsRoundTrips() {
        Prompt bare = new Prompt(PromptId.random(), newOwner(), Optional.empty(), ContentPreview.of("x"),
                BlobKey.newPromptKey(Fixtures.T0), false, Tags.none(), Fixtures.T0, Fixtures.T0, 1, 1);
        prompts().create(bare, Fixtures.text(bare));
        assertThat(prompts().findById(bare.id())).contains(bare);
    }

    @Test
    default void updatesWhenTheVersionMatchesAndRefusesAStaleOne() {
        Prompt prompt = stored(newOwner(), Fixtures.T0, "v1", false, "old");
        Prompt revised = prompt.revise(Title.parseOptional("New"), ContentPreview.of("v2"),
                BlobKey.newPromptKey(Fixtures.T0), true, Tags.parse(List.of("new", "tags")), Fixtures.T0.plusSeconds(5));
        prompts().update(revised, Optional.of(PromptVersion.of(revised, prompt.ownerId(), Optional.empty())), Optional.empty());
        assertThat(prompts().findById(prompt.id())).contains(revised);

        Prompt stale = prompt.revise(Optional.empty(), ContentPreview.of("lost"), prompt.contentKey(), false,
                Tags.none(), Fixtures.T0.plusSeconds(6));
        assertThatThrownBy(() -> prompts().update(stale, Optional.of(PromptVersion.of(stale, prompt.ownerId(),
                Optional.empty())), Optional.empty())).isInstanceOf(Conflict.class);
        assertThat(prompts().findById(prompt.id())).contains(revised);
        assertThat(prompts().listVersions(prompt.id(), 10, Optional.empty())).extracting(PromptVersion::number)
                .as("the refused update left no version behind").containsExactly(2, 1);
    }

    @Test
    default void updatingAMissingPromptIsNotFound() {
        Prompt never = Fixtures.prompt(newOwner(), Fixtures.T0, "ghost", false);
        Prompt revised = never.revise(Optional.empty(), never.contentPreview(), never.contentKey(), true, Tags.none(),
                Fixtures.T0.plusSeconds(1));
        assertThatThrownBy(() -> prompts().update(revised, Optional.empty(), Optional.empty())).isInstanceOf(NotFound.class);
    }

    @Test
    default void changedTagsAreWhatTheTagFilterSees() {
        UserId owner = newOwner();
        Prompt prompt = stored(owner, Fixtures.T0, "tagged", false, "before");
        prompts().update(prompt.revise(prompt.title(), prompt.contentPreview(), prompt.contentKey(), false,
                Tags.parse(List.of("after")), Fixtures.T0.plusSeconds(1)), Optional.empty(), Optional.empty());
        var byOld = new PromptRepository.PromptFilter(Optional.of(Tag.parse("before")));
        var byNew = new PromptRepository.PromptFilter(Optional.of(Tag.parse("after")));
        assertThat(prompts().listByOwner(owner, byOld, firstPage(10)).items()).isEmpty();
        assertThat(prompts().listByOwner(owner, byNew, firstPage(10)).items()).hasSize(1);
    }

    @Test
    default void aPromptStartsAtVersionOneAndKeepsEveryVersionOfItsText() {
        UserId owner = newOwner();
        Prompt prompt = stored(owner, Fixtures.T0, "first text", true, "t");
        assertThat(prompts().findWithVersions(prompt.id(), Set.of(1)).orElseThrow().versions())
                .containsExactly(PromptVersion.of(prompt, owner, Optional.empty()));

        Prompt second = prompt.revise(Title.parseOptional("Second"), ContentPreview.of("second text"),
                BlobKey.newPromptKey(Fixtures.T0), true, prompt.tags(), Fixtures.T0.plusSeconds(1));
        PromptVersion v2 = PromptVersion.of(second, owner, Optional.of(new VersionMessage("clearer")));
        prompts().update(second, Optional.of(v2), Optional.empty());
        Prompt tagged = second.revise(second.title(), second.contentPreview(), second.contentKey(), false,
                Tags.parse(List.of("other")), Fixtures.T0.plusSeconds(2));
        assertThat(tagged.textVersion()).as("tags and visibility make no version").isEqualTo(2);
        prompts().update(tagged, Optional.empty(), Optional.empty());
        Prompt third = tagged.revise(Optional.empty(), tagged.contentPreview(), tagged.contentKey(), false,
                tagged.tags(), Fixtures.T0.plusSeconds(3));
        prompts().update(third, Optional.of(PromptVersion.of(third, owner, Optional.empty())), Optional.empty());

        assertThat(prompts().findById(prompt.id()).orElseThrow().textVersion()).isEqualTo(3);
        assertThat(prompts().findWithVersions(prompt.id(), Set.of(2)).orElseThrow().versions()).containsExactly(v2);
        assertThat(prompts().findWithVersions(prompt.id(), Set.of(4)).orElseThrow().versions()).isEmpty();
        assertThat(prompts().findWithVersions(PromptId.random(), Set.of(1))).isEmpty();
        assertThat(prompts().listVersions(prompt.id(), 10, Optional.empty())).extracting(PromptVersion::number)
                .containsExactly(3, 2, 1);
        assertThat(prompts().listVersions(prompt.id(), 1, Optional.empty())).extracting(PromptVersion::number)
                .containsExactly(3);
        assertThat(prompts().listVersions(prompt.id(), 10, Optional.of(3))).extracting(PromptVersion::number)
                .containsExactly(2, 1);
        assertThat(prompts().listVersions(prompt.id(), 10, Optional.of(3)).getFirst()).isEqualTo(v2);

        PromptWithVersions two = prompts().findWithVersions(prompt.id(), Set.of(3, 1, 7)).orElseThrow();
        assertThat(two.prompt()).isEqualTo(prompts().findById(prompt.id()).orElseThrow());
        assertThat(two.versions()).as("oldest first, only those asked for").extracting(PromptVersion::number)
                .containsExactly(1, 3);
        assertThat(prompts().findWithVersions(prompt.id(), Set.of()).orElseThrow().versions()).isEmpty();
        PromptWithVersions page = prompts().findWithVersionPage(prompt.id(), 2, Optional.empty()).orElseThrow();
        assertThat(page.prompt()).isEqualTo(two.prompt());
        assertThat(page.versions()).extracting(PromptVersion::number).containsExactly(3, 2);
        assertThat(prompts().findWithVersionPage(prompt.id(), 10, Optional.of(2)).orElseThrow().versions())
                .extracting(PromptVersion::number).containsExactly(1);
        assertThat(prompts().findWithVersionPage(PromptId.random(), 10, Optional.empty())).isEmpty();

        List<BlobKey> keys = prompts().delete(prompt.id(), owner).keys();
        assertThat(keys).as("each body once, the versions' too").containsExactlyInAnyOrder(prompt.contentKey(),
                second.contentKey());
        assertThat(prompts().listVersions(prompt.id(), 10, Optional.empty())).isEmpty();
    }

    @Test
    default void aResponseKeepsTheVersionItAnswered() {
        Prompt prompt = stored(newOwner(), Fixtures.T0, "asked", false);
        Prompt second = prompt.revise(prompt.title(), ContentPreview.of("asked again"),
                BlobKey.newPromptKey(Fixtures.T0), false, prompt.tags(), Fixtures.T0.plusSeconds(1));
        prompts().update(second, Optional.of(PromptVersion.of(second, prompt.ownerId(), Optional.empty())), Optional.empty());
        Response old = Fixtures.response(prompt.id(), Fixtures.T0, "m", "to v1");
        Response answer = new Response(dev.prompttracker.domain.prompt.ResponseId.random(), prompt.id(),
                old.modelName(), old.contentPreview(), old.contentKey(), true, Fixtures.T0, Fixtures.T0, 1, 2);
        responses().create(old, Fixtures.text(old));
        responses().create(answer, Fixtures.text(answer));
        assertThat(responses().findById(answer.id())).contains(answer);
        assertThat(prompts().findWithResponses(prompt.id()).orElseThrow().responses())
                .extracting(Response::promptVersion).containsExactly(1, 2);
    }

    @Test
    default void deleteRemovesThePromptWithItsResponsesAndReturnsEveryBlobKey() {
        Prompt prompt = stored(newOwner(), Fixtures.T0, "doomed", false, "x");
        Response first = Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "one");
        Response second = Fixtures.response(prompt.id(), Fixtures.T0.plusSeconds(1), "claude", "two");
        responses().create(first, Fixtures.text(first));
        responses().create(second, Fixtures.text(second));

        PromptRepository.Deletion deletion = prompts().delete(prompt.id(), prompt.ownerId());

        assertThat(deletion.deleted()).isTrue();
        assertThat(deletion.kept()).isEmpty();
        assertThat(deletion.keys()).containsExactlyInAnyOrder(prompt.contentKey(), first.contentKey(),
                second.contentKey());
        assertThat(prompts().findById(prompt.id())).isEmpty();
        assertThat(responses().findById(first.id())).isEmpty();
        assertThat(responses().listByPrompt(prompt.id(), Optional.empty())).isEmpty();
        assertThat(prompts().delete(prompt.id(), prompt.ownerId()))
                .isEqualTo(PromptRepository.Deletion.refused(Optional.empty()));
    }

    @Test
    default void deleteTakesOnlyTheOwnersPromptAndOtherwiseTellsWhatItKept() {
        String word = Fixtures.uniqueWord();
        Prompt prompt = stored(newOwner(), Fixtures.T0, "not yours " + word, true, "kept");
        Response response = Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "an answer");
        responses().create(response, Fixtures.text(response));
        UserId stranger = newOwner();

        PromptRepository.Deletion refused = prompts().delete(prompt.id(), stranger);

        assertThat(refused).isEqualTo(PromptRepository.Deletion.refused(Optional.of(prompt)));
        assertThat(refused.deleted()).isFalse();
        assertThat(prompts().findWithResponses(prompt.id()).orElseThrow().responses()).containsExactly(response);
        assertThat(prompts().findWithVersions(prompt.id(), Set.of(1)).orElseThrow().versions()).hasSize(1);
        assertThat(prompts().listPublic(Optional.of(Tag.parse("kept")), firstPage(10)).items())
                .extracting(summary -> summary.prompt().id()).contains(prompt.id());
        assertThat(prompts().search(new PromptRepository.SearchCriteria(
                dev.prompttracker.domain.search.SearchQuery.parse(word), Optional.of(prompt.ownerId()), false,
                Optional.empty(), Optional.empty(), 0, 10)).hits()).as("still indexed").hasSize(1);
        assertThat(prompts().delete(PromptId.random(), stranger))
                .isEqualTo(PromptRepository.Deletion.refused(Optional.empty()));
        assertThat(prompts().delete(prompt.id(), prompt.ownerId()).keys())
                .containsExactlyInAnyOrder(prompt.contentKey(), response.contentKey());
    }

    @Test
    default void readsAPromptWithItsResponsesOldestFirst() {
        Prompt prompt = stored(newOwner(), Fixtures.T0, "compare", true);
        Response later = Fixtures.response(prompt.id(), Fixtures.T0.plusSeconds(9), "b-model", "later");
        Response earlier = Fixtures.response(prompt.id(), Fixtures.T0.plusSeconds(1), "a-model", "earlier");
        responses().create(later, Fixtures.text(later));
        responses().create(earlier, Fixtures.text(earlier));
        PromptWithResponses read = prompts().findWithResponses(prompt.id()).orElseThrow();
        assertThat(read.prompt()).isEqualTo(prompt);
        assertThat(read.responses()).containsExactly(earlier, later);
        assertThat(prompts().findWithResponses(PromptId.random())).isEmpty();
    }

    @Test
    default void listsOnlyTheOwnersPromptsNewestUpdateFirstWithResponseCounts() {
        UserId owner = newOwner();
        Prompt a = stored(owner, Fixtures.T0, "a", false);
        Prompt b = stored(owner, Fixtures.T0.plusSeconds(2), "b", true);
        Prompt c = stored(owner, Fixtures.T0.plusSeconds(1), "c", false);
        stored(newOwner(), Fixtures.T0.plusSeconds(3), "someone else's", false);
        Fixtures.store(responses(), Fixtures.response(c.id(), Fixtures.T0, "m", "r1"));
        Fixtures.store(responses(), Fixtures.response(c.id(), Fixtures.T0, "m", "r2"));

        Page<PromptSummary> page = prompts().listByOwner(owner, PromptRepository.PromptFilter.none(), firstPage(10));

        assertThat(page.items()).extracting(s -> s.prompt().id()).containsExactly(b.id(), c.id(), a.id());
        assertThat(page.items()).extracting(PromptSummary::responseCount).containsExactly(0, 2, 0);
        assertThat(page.next()).isEmpty();
    }

    @Test
    default void pagesThroughEveryPromptOnceEvenWhenUpdateTimesTie() {
        UserId owner = newOwner();
        List<PromptId> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(stored(owner, Fixtures.T0.plusSeconds(i / 3), "p" + i, false).id());
        }
        List<PromptId> seen = new ArrayList<>();
        PageRequest request = firstPage(3);
        int pages = 0;
        while (true) {
            Page<PromptSummary> page = prompts().listByOwner(owner, PromptRepository.PromptFilter.none(), request);
            page.items().forEach(s -> seen.add(s.prompt().id()));
            pages++;
            if (page.next().isEmpty()) {
                break;
            }
            request = new PageRequest(PageSize.of(3), page.next());
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    default void filtersByTag() {
        UserId owner = newOwner();
        Prompt haskell = stored(owner, Fixtures.T0, "Explain MONADS simply", false, "fp");
        stored(owner, Fixtures.T0.plusSeconds(1), "Write a poem", false, "creative");
        var byTag = new PromptRepository.PromptFilter(Optional.of(Tag.parse("FP")));
        assertThat(prompts().listByOwner(owner, byTag, firstPage(10)).items())
                .extracting(s -> s.prompt().id()).containsExactly(haskell.id());
    }

    @Test
    default void thePublicFeedHoldsOnlyPublicPromptsOptionallyByTag() {
        UserId owner = newOwner();
        Prompt shared = stored(owner, Fixtures.T0.plus(java.time.Duration.ofDays(900)), "shared", true, "feedtag");
        Prompt privateOne = stored(owner, Fixtures.T0.plus(java.time.Duration.ofDays(901)), "private", false,
                "feedtag");
        Page<PromptSummary> feed = prompts().listPublic(Optional.of(Tag.parse("feedtag")), firstPage(100));
        assertThat(feed.items()).extracting(s -> s.prompt().id()).contains(shared.id()).doesNotContain(privateOne.id());
        assertThat(prompts().listPublic(Optional.empty(), firstPage(100)).items())
                .allMatch(s -> s.prompt().isPublic());
    }
}
