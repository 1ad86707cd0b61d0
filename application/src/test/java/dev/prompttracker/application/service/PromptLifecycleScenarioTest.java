package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.DeletePromptCommand;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.ListPromptsQuery;
import dev.prompttracker.application.port.in.SearchPromptsQuery;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.ListPublicPromptsQuery;
import dev.prompttracker.application.port.in.ListResponsesQuery;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.application.port.in.UpdateResponseCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.prompt.PromptSummary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A prompt's whole life through the real services: saved, answered by three models, revised,
 * shared, read by strangers, and deleted with every body it owned.
 */
class PromptLifecycleScenarioTest {
    private final CoreFixture core = new CoreFixture();

    @Test
    void aPromptIsSavedComparedSharedAndDeleted() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        Actor.SignedIn bob = core.actor(core.register("bob"));

        PromptView saved = core.app.createPrompt().createPrompt(new CreatePromptCommand(ada, "Haiku",
                "Write a haiku about SQLite", false, List.of("Poetry", "db")));
        String id = saved.prompt().id().value();
        assertThat(core.blobs.keys()).containsExactly(saved.prompt().contentKey());

        for (String model : List.of("gpt-4o", "claude", "llama")) {
            core.clock.advance(Duration.ofSeconds(1));
            core.app.addResponse().addResponse(new AddResponseCommand(ada, id, model, "by " + model, Optional.empty()));
        }
        PromptView read = core.app.getPrompt().getPrompt(new GetPromptQuery(ada, id));
        assertThat(read.responses()).extracting(r -> r.response().modelName().value())
                .containsExactly("gpt-4o", "claude", "llama");
        assertThat(read.responses()).extracting(r -> r.content().value())
                .containsExactly("by gpt-4o", "by claude", "by llama");

        // Bob cannot see it while it is private, and never learns that it exists.
        assertThatThrownBy(() -> core.app.getPrompt().getPrompt(new GetPromptQuery(bob, id)))
                .isInstanceOf(NotFound.class).hasMessage("prompt not found");
        assertThatThrownBy(() -> core.app.getPrompt().getPrompt(new GetPromptQuery(Actor.ANONYMOUS, id)))
                .isInstanceOf(NotFound.class);

        core.clock.advance(Duration.ofMinutes(1));
        PromptView revised = core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, id, Optional.empty(),
                Optional.of("Write two haiku about SQLite"), Optional.of(true), Optional.empty()));
        assertThat(revised.content().value()).isEqualTo("Write two haiku about SQLite");
        assertThat(revised.prompt().version()).isEqualTo(2);
        assertThat(revised.prompt().tags().strings()).containsExactly("poetry", "db");
        assertThat(revised.prompt().textVersion()).isEqualTo(2);
        assertThat(core.blobs.keys()).as("version 1 keeps its body").contains(saved.prompt().contentKey()).hasSize(5);

        // Shared: anyone reads it, nobody else changes it.
        assertThat(core.app.getPrompt().getPrompt(new GetPromptQuery(Actor.ANONYMOUS, id)).responses()).hasSize(3);
        Page<PromptSummary> feed = core.app.listPublicPrompts().listPublicPrompts(new ListPublicPromptsQuery(0, "", "POETRY"));
        assertThat(feed.items()).extracting(s -> s.prompt().id().value()).containsExactly(id);
        assertThat(feed.items().getFirst().responseCount()).isEqualTo(3);
        assertThatThrownBy(() -> core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(bob, id,
                Optional.of("mine now"), Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOf(Forbidden.class);
        ResponseView first = read.responses().getFirst();
        assertThatThrownBy(() -> core.app.updateResponse().updateResponse(new UpdateResponseCommand(bob, id,
                first.response().id().value(), Optional.empty(), Optional.of("vandalised"), Optional.empty())))
                .isInstanceOf(Forbidden.class);
        assertThat(core.app.listResponses().listResponses(new ListResponsesQuery(Actor.ANONYMOUS, id, "gpt-4o")))
                .extracting(r -> r.content().value()).containsExactly("by gpt-4o");

        // Ada's own list has it; Bob's does not.
        assertThat(core.app.listPrompts().listPrompts(new ListPromptsQuery(ada, 0, "", "db")).items()).hasSize(1);
        assertThat(core.app.searchPrompts().searchPrompts(new SearchPromptsQuery(ada, "two haiku", "db", "", "own", "",
                "", 0, "", ClientInfo.UNKNOWN)).hits()).hasSize(1);
        assertThat(core.app.searchPrompts().searchPrompts(new SearchPromptsQuery(bob, "two haiku", "", "", "own", "",
                "", 0, "", ClientInfo.UNKNOWN)).hits()).isEmpty();
        assertThat(core.app.listPrompts().listPrompts(new ListPromptsQuery(bob, 0, "", "")).items()).isEmpty();

        core.app.deletePrompt().deletePrompt(new DeletePromptCommand(ada, id));
        assertThat(core.blobs.keys()).isEmpty();
        assertThatThrownBy(() -> core.app.getPrompt().getPrompt(new GetPromptQuery(ada, id))).isInstanceOf(NotFound.class);
        assertThat(core.responses.countByPrompt(saved.prompt().id())).isZero();
    }
}
