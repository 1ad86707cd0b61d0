package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import org.junit.jupiter.api.Test;

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
    default void aResponseUpdatesWhenTheVersionMatchesAndRefusesAStaleOne() {
        Prompt prompt = newPrompt();
        Response response = Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "draft");
        responses().create(response, Fixtures.text(response));
        Response revised = response.revise(new ModelName("gpt-4.1"), ContentPreview.of("final"),
                BlobKey.newResponseKey(Fixtures.T0), false, Fixtures.T0.plusSeconds(3));
        responses().update(revised, Optional.empty());
        assertThat(responses().findById(response.id())).contains(revised);

        Response stale = response.revise(new ModelName("lost"), response.contentPreview(), response.contentKey(), true,
                Fixtures.T0.plusSeconds(4));
        assertThatThrownBy(() -> responses().update(stale, Optional.empty())).isInstanceOf(Conflict.class);
        assertThat(responses().findById(response.id())).contains(revised);
    }

    @Test
    default void updatingAMissingResponseIsNotFound() {
        Response never = Fixtures.response(newPrompt().id(), Fixtures.T0, "gpt-4o", "ghost");
        Response revised = never.revise(never.modelName(), never.contentPreview(), never.contentKey(), true,
                Fixtures.T0.plusSeconds(1));
        assertThatThrownBy(() -> responses().update(revised, Optional.empty())).isInstanceOf(NotFound.class);
    }

    @Test
    default void deleteReturnsTheBlobKeyOnce() {
        Prompt prompt = newPrompt();
        Response response = Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "bye");
        responses().create(response, Fixtures.text(response));
        assertThat(responses().delete(response.promptId(), response.id())).contains(response.contentKey());
        assertThat(responses().delete(response.promptId(), response.id())).isEmpty();
        assertThat(responses().findById(response.id())).isEmpty();
        assertThat(prompts().findById(prompt.id())).isPresent();
    }
}
