package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.PromptRepository.SearchCriteria;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.ResponseRepository.Addition;
import dev.prompttracker.application.port.out.ResponseRepository.Change;
import dev.prompttracker.application.port.out.ResponseRepository.Draft;
import dev.prompttracker.application.port.out.ResponseRepository.NewBody;
import dev.prompttracker.application.port.out.ResponseRepository.Removal;
import dev.prompttracker.application.port.out.ResponseRepository.Revision;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public interface ResponseRepositoryContract {

    ResponseRepository responses();

    PromptRepository prompts();

    UserRepository users();

    private Prompt newPrompt() {
        var owner = Fixtures.uniqueUser();
        users().create(owner);
        Prompt prompt = Fixtures.prompt(owner.id(), Fixtures.T0, "question", false);
        prompts().create(prompt, Fixtures.text(prompt));
        return prompt;
    }

    @Test
    default void updatingAPromptAnswersItAsStoredWithItsResponses() {
        Prompt prompt = newPrompt();
        Response first = Fixtures.response(prompt.id(), Fixtures.T0, "model-a", "answer a");
        Response second = Fixtures.response(prompt.id(), Fixtures.T0.plusSeconds(1), "model-b", "answer b");
        responses().create(first, Fixtures.text(first));
        responses().create(second, Fixtures.text(second));
        Prompt revised = prompt.revise(prompt.title(), prompt.contentPreview(), prompt.contentKey(), true,
                prompt.tags(), Fixtures.T0.plusSeconds(5));

        PromptWithResponses after = prompts().update(revised, Optional.empty(), Optional.empty());

        assertThat(after.prompt()).isEqualTo(revised);
        assertThat(after.responses()).containsExactly(first, second);
        assertThat(prompts().findWithResponses(prompt.id())).contains(after);
    }

    @Test
    default void readsBackACreatedResponse() {
        Prompt prompt = newPrompt();
        Response response = Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "answer");
        responses().create(response, Fixtures.text(response));
        assertThat(responses().findById(response.id())).contains(response);
        assertThat(responses().findById(ResponseId.random())).isEmpty();
    }

    @Test
    default void aResponseToAMissingPromptIsNotFound() {
        Response orphan = Fixtures.response(PromptId.random(), Fixtures.T0, "gpt-4o", "answer");
        assertThatThrownBy(() -> responses().create(orphan, Fixtures.text(orphan))).isInstanceOf(NotFound.class);
        assertThat(responses().findById(orphan.id())).isEmpty();
    }

    @Test
    default void listsAPromptsResponsesOldestFirstOptionallyByModel() {
        Prompt prompt = newPrompt();
        Response second = Fixtures.response(prompt.id(), Fixtures.T0.plusSeconds(2), "claude", "b");
        Response first = Fixtures.response(prompt.id(), Fixtures.T0.plusSeconds(1), "gpt-4o", "a");
        Response third = Fixtures.response(prompt.id(), Fixtures.T0.plusSeconds(3), "gpt-4o", "c");
        responses().create(second, Fixtures.text(second));
        responses().create(first, Fixtures.text(first));
        responses().create(third, Fixtures.text(third));
        Fixtures.store(responses(), Fixtures.response(newPrompt().id(), Fixtures.T0, "gpt-4o", "elsewhere"));

        assertThat(responses().listByPrompt(prompt.id(), Optional.empty())).containsExactly(first, second, third);
        assertThat(responses().listByPrompt(prompt.id(), Optional.of(new ModelName("gpt-4o"))))
                .containsExactly(first, third);
        assertThat(responses().countByPrompt(prompt.id())).isEqualTo(3);
        assertThat(responses().countByPrompt(PromptId.random())).isZero();
    }

    @Test
    default void responsesCreatedInTheSameInstantKeepTheirCreationOrder() {
        Prompt prompt = newPrompt();
        java.util.List<Response> created = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Response response = Fixtures.response(prompt.id(), Fixtures.T0, "model-" + i, "same instant " + i);
            responses().create(response, Fixtures.text(response));
            created.add(response);
        }
        assertThat(responses().listByPrompt(prompt.id(), Optional.empty())).containsExactlyElementsOf(created);
        assertThat(prompts().findWithResponses(prompt.id()).orElseThrow().responses()).containsExactlyElementsOf(created);
    }

    @Test
    default void anUpdateChangesWhatTheRevisionNamesAndKeepsTheRest() {
        Prompt prompt = newPrompt();
        Response response = Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "draft"));
        BlobKey key = BlobKey.newResponseKey(Fixtures.T0);
        Revision revision = new Revision(Optional.of(new ModelName("gpt-4.1")), Optional.of(new NewBody(
                ContentPreview.of("final"), SearchText.ofResponse(key, "final"))), Optional.of(false),
                Fixtures.T0.plusSeconds(3));
        Response revised = response.revise(new ModelName("gpt-4.1"), ContentPreview.of("final"), key, false,
                Fixtures.T0.plusSeconds(3));

        assertThat(responses().update(prompt.id(), response.id(), prompt.ownerId(), revision))
                .isEqualTo(new Change(Optional.of(prompt), Optional.of(revised), Optional.of(response.contentKey())));
        assertThat(responses().findById(response.id())).contains(revised);

        Revision early = new Revision(Optional.empty(), Optional.empty(), Optional.empty(), Fixtures.T0.plusSeconds(1));
        Response touched = revised.revise(revised.modelName(), revised.contentPreview(), revised.contentKey(),
                revised.isMarkdown(), Fixtures.T0.plusSeconds(1));
        assertThat(touched.version()).isEqualTo(3);
        assertThat(touched.updatedAt()).as("never earlier than it was").isEqualTo(Fixtures.T0.plusSeconds(3));
        assertThat(responses().update(prompt.id(), response.id(), prompt.ownerId(), early))
                .isEqualTo(new Change(Optional.of(prompt), Optional.of(touched), Optional.empty()));
        assertThat(responses().findById(response.id())).contains(touched);
    }

    @Test
    default void anUpdateChangesOnlyAResponseOfTheOwnersPromptAndTellsWhatItFound() {
        Prompt prompt = newPrompt();
        Response response = Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "kept"));
        Prompt other = newPrompt();
        var stranger = Fixtures.uniqueUser();
        users().create(stranger);
        BlobKey key = BlobKey.newResponseKey(Fixtures.T0);
        String word = Fixtures.uniqueWord();
        Revision revision = new Revision(Optional.of(new ModelName("lost")), Optional.of(new NewBody(
                ContentPreview.of(word), SearchText.ofResponse(key, word))), Optional.empty(), Fixtures.T0.plusSeconds(1));

        assertThat(responses().update(prompt.id(), response.id(), stranger.id(), revision)).as("not the owner")
                .isEqualTo(new Change(Optional.of(prompt), Optional.empty(), Optional.empty()));
        assertThat(responses().update(other.id(), response.id(), other.ownerId(), revision))
                .as("a response of another prompt")
                .isEqualTo(new Change(Optional.of(other), Optional.empty(), Optional.empty()));
        assertThat(responses().update(prompt.id(), ResponseId.random(), prompt.ownerId(), revision))
                .as("no such response").isEqualTo(new Change(Optional.of(prompt), Optional.empty(), Optional.empty()));
        assertThat(responses().update(PromptId.random(), response.id(), prompt.ownerId(), revision))
                .as("no such prompt").isEqualTo(new Change(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(responses().findById(response.id())).contains(response);
        assertThat(prompts().search(new SearchCriteria(SearchQuery.parse(word), Optional.of(prompt.ownerId()), false,
                Optional.empty(), Optional.empty(), 0, 10)).hits()).as("a refused update indexes nothing").isEmpty();
    }

    @Test
    default void deleteReturnsTheBlobKeyOnce() {
        Prompt prompt = newPrompt();
        Response response = Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "bye");
        responses().create(response, Fixtures.text(response));
        assertThat(responses().delete(response.promptId(), response.id(), prompt.ownerId()))
                .isEqualTo(new Removal(Optional.of(prompt), Optional.of(response.contentKey())));
        assertThat(responses().delete(response.promptId(), response.id(), prompt.ownerId()))
                .isEqualTo(new Removal(Optional.of(prompt), Optional.empty()));
        assertThat(responses().findById(response.id())).isEmpty();
        assertThat(prompts().findById(prompt.id())).isPresent();
    }

    @Test
    default void deleteTakesOnlyAResponseOfTheOwnersPromptAndTellsWhatItFound() {
        Prompt prompt = newPrompt();
        Response response = Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "kept"));
        Prompt other = newPrompt();
        var stranger = Fixtures.uniqueUser();
        users().create(stranger);

        assertThat(responses().delete(prompt.id(), response.id(), stranger.id()))
                .as("not the owner").isEqualTo(new Removal(Optional.of(prompt), Optional.empty()));
        assertThat(responses().delete(other.id(), response.id(), other.ownerId()))
                .as("a response of another prompt").isEqualTo(new Removal(Optional.of(other), Optional.empty()));
        assertThat(responses().delete(PromptId.random(), response.id(), prompt.ownerId()))
                .as("no such prompt").isEqualTo(new Removal(Optional.empty(), Optional.empty()));
        assertThat(responses().findById(response.id())).contains(response);
        assertThat(prompts().findWithResponses(prompt.id()).orElseThrow().responses()).containsExactly(response);
    }

    // ---- addIfAllowed: the checks and the add in one unit

    /** A prompt at text version 2 (versions 1 and 2 exist), owned by a new user. */
    private Prompt promptAtVersionTwo() {
        var owner = Fixtures.uniqueUser();
        users().create(owner);
        Prompt prompt = new Prompt(PromptId.random(), owner.id(), Title.parseOptional("twice written"),
                ContentPreview.of("question, second wording"), BlobKey.newPromptKey(Fixtures.T0), false,
                Tags.parse(List.of()), Fixtures.T0, Fixtures.T0, 2, 2);
        prompts().create(prompt, Fixtures.text(prompt));
        return prompt;
    }

    private static Draft draft(PromptId prompt, String body, Optional<Integer> version) {
        return new Draft(ResponseId.random(), prompt, new ModelName("gpt-4o"), ContentPreview.of(body),
                BlobKey.newResponseKey(Fixtures.T0), false, Fixtures.T0.plusSeconds(1), version);
    }

    private static SearchText text(Draft draft) {
        return SearchText.ofResponse(draft.contentKey(), draft.contentPreview().value());
    }

    private List<PromptId> found(String word, UserId owner) {
        return prompts().search(new SearchCriteria(SearchQuery.parse(word), Optional.of(owner), false,
                Optional.empty(), Optional.empty(), 0, 50)).hits().stream().map(hit -> hit.summary().prompt().id()).toList();
    }

    @Test
    default void addIfAllowedAddsToTheOwnersPromptAnsweringItsCurrentVersionAndIndexesIt() {
        Prompt prompt = promptAtVersionTwo();
        String word = Fixtures.uniqueWord();
        Draft draft = draft(prompt.id(), "an answer with " + word, Optional.empty());

        Addition addition = responses().addIfAllowed(draft, prompt.ownerId(), 3, text(draft));

        assertThat(addition.prompt()).contains(prompt);
        assertThat(addition.responsesBefore()).isZero();
        assertThat(addition.added()).contains(draft.answering(2));
        assertThat(addition.added().orElseThrow().promptVersion()).isEqualTo(2);
        assertThat(responses().findById(draft.id())).isEqualTo(addition.added());
        assertThat(found(word, prompt.ownerId())).containsExactly(prompt.id());
    }

    @Test
    default void addIfAllowedAnswersANamedVersionOfThePromptOnly() {
        Prompt prompt = promptAtVersionTwo();
        Draft first = draft(prompt.id(), "to the first wording", Optional.of(1));
        assertThat(responses().addIfAllowed(first, prompt.ownerId(), 3, text(first)).added())
                .contains(first.answering(2)).hasValueSatisfying(r -> assertThat(r.promptVersion()).isEqualTo(1));
        for (int version : List.of(0, 3, -1)) {
            String word = Fixtures.uniqueWord();
            Draft refused = draft(prompt.id(), "to no wording " + word, Optional.of(version));
            Addition addition = responses().addIfAllowed(refused, prompt.ownerId(), 3, text(refused));
            assertThat(addition.prompt()).contains(prompt);
            assertThat(addition.responsesBefore()).isEqualTo(1);
            assertThat(addition.added()).as("version " + version).isEmpty();
            assertThat(responses().findById(refused.id())).isEmpty();
            assertThat(found(word, prompt.ownerId())).as("a refused add leaves the index as it was").isEmpty();
        }
        assertThat(responses().countByPrompt(prompt.id())).isEqualTo(1);
    }

    @Test
    default void addIfAllowedAddsNothingToAMissingPromptOrSomebodyElses() {
        Draft orphan = draft(PromptId.random(), "to nothing", Optional.empty());
        var stranger = Fixtures.uniqueUser();
        users().create(stranger);
        assertThat(responses().addIfAllowed(orphan, stranger.id(), 3, text(orphan)))
                .isEqualTo(new Addition(Optional.empty(), 0, Optional.empty()));
        assertThat(responses().findById(orphan.id())).isEmpty();

        Prompt prompt = promptAtVersionTwo();
        Draft foreign = draft(prompt.id(), "not mine to add", Optional.empty());
        assertThat(responses().addIfAllowed(foreign, stranger.id(), 3, text(foreign)))
                .isEqualTo(new Addition(Optional.of(prompt), 0, Optional.empty()));
        assertThat(responses().findById(foreign.id())).isEmpty();
        assertThat(responses().countByPrompt(prompt.id())).isZero();
    }

    @Test
    default void addIfAllowedStopsAtTheLimit() {
        Prompt prompt = promptAtVersionTwo();
        for (int i = 0; i < 2; i++) {
            Draft draft = draft(prompt.id(), "answer " + i, Optional.empty());
            Addition addition = responses().addIfAllowed(draft, prompt.ownerId(), 2, text(draft));
            assertThat(addition.responsesBefore()).isEqualTo(i);
            assertThat(addition.added()).isPresent();
        }
        Draft third = draft(prompt.id(), "one too many", Optional.empty());
        assertThat(responses().addIfAllowed(third, prompt.ownerId(), 2, text(third)))
                .isEqualTo(new Addition(Optional.of(prompt), 2, Optional.empty()));
        assertThat(responses().countByPrompt(prompt.id())).isEqualTo(2);
        assertThat(responses().addIfAllowed(third, prompt.ownerId(), 3, text(third)).added()).isPresent();
    }

    @Test
    default void addIfAllowedAnswersWithTheDraftsOwnTimes() {
        Prompt prompt = promptAtVersionTwo();
        java.time.Instant at = Fixtures.T0.plusNanos(1_234_567);
        Draft draft = new Draft(ResponseId.random(), prompt.id(), new ModelName("m"), ContentPreview.of("timed"),
                BlobKey.newResponseKey(at), true, at, Optional.empty());
        assertThat(responses().addIfAllowed(draft, prompt.ownerId(), 3, text(draft)).added())
                .contains(draft.answering(2));
        assertThat(responses().findById(draft.id()).orElseThrow().createdAt())
                .as("a store may keep milliseconds").isIn(at, at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    default void addIfAllowedRefusesAnIdThatExists() {
        Prompt prompt = promptAtVersionTwo();
        Draft draft = draft(prompt.id(), "once", Optional.empty());
        responses().addIfAllowed(draft, prompt.ownerId(), 3, text(draft));
        assertThatThrownBy(() -> responses().addIfAllowed(draft, prompt.ownerId(), 3, text(draft)))
                .isInstanceOf(Conflict.class);
        assertThat(responses().countByPrompt(prompt.id())).isEqualTo(1);
    }
}
