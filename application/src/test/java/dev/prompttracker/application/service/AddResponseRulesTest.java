package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.ListResponsesQuery;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.FieldError;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.PromptId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may add a response, and what each refusal says, in the order the checks apply: the prompt must
 * be there and readable (else not found), owned (else forbidden), below the limit (else conflict), and a
 * named version must be one of its versions (else invalid). A refused add leaves no row and no body.
 */
class AddResponseRulesTest {
    private final CoreFixture core = new CoreFixture();
    private final Actor.SignedIn ada = core.actor(core.register("ada"));
    private final Actor.SignedIn bob = core.actor(core.register("bob"));

    private String prompt(Actor.SignedIn owner, boolean isPublic) {
        PromptView created = core.app.createPrompt().createPrompt(new CreatePromptCommand(owner, "", "question",
                isPublic, List.of()));
        return created.prompt().id().value();
    }

    private ResponseView add(Actor.SignedIn actor, String promptId, Optional<Integer> version) {
        return core.app.addResponse().addResponse(new AddResponseCommand(actor, promptId, "gpt-4o", "an answer",
                Optional.empty(), version));
    }

    private int responsesOf(String promptId) {
        return core.app.listResponses().listResponses(new ListResponsesQuery(ada, promptId, "")).size();
    }

    @Test
    void theOwnerAddsAnAnswerToTheCurrentVersionOrANamedEarlierOne() {
        String id = prompt(ada, false);
        core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, id, Optional.empty(), Optional.of("v2"),
                Optional.empty(), Optional.empty()));
        ResponseView current = add(ada, id, Optional.empty());
        ResponseView earlier = add(ada, id, Optional.of(1));
        assertThat(current.response().promptVersion()).isEqualTo(2);
        assertThat(earlier.response().promptVersion()).isEqualTo(1);
        assertThat(current.response().version()).isEqualTo(1);
        assertThat(current.content().value()).isEqualTo("an answer");
        assertThat(core.responses.findById(current.response().id())).contains(current.response());
        assertThat(core.blobs.keys()).contains(current.response().contentKey(), earlier.response().contentKey());
    }

    @Test
    void aPromptThatIsMissingOrPrivateToSomeoneElseIsNotFound() {
        String adasPrivate = prompt(ada, false);
        int bodies = core.blobs.keys().size();
        for (String id : List.of(PromptId.random().value(), "not-an-id", adasPrivate)) {
            assertThatThrownBy(() -> add(bob, id, Optional.empty())).isInstanceOf(NotFound.class)
                    .hasMessage("prompt not found");
        }
        // The order of checks: a prompt bob cannot see is not found, whatever else is wrong.
        assertThatThrownBy(() -> add(bob, adasPrivate, Optional.of(9))).isInstanceOf(NotFound.class);
        assertThat(responsesOf(adasPrivate)).isZero();
        assertThat(core.blobs.keys()).as("no body left behind").hasSize(bodies);
    }

    @Test
    void somebodyElsesPublicPromptIsForbidden() {
        String adasPublic = prompt(ada, true);
        int bodies = core.blobs.keys().size();
        assertThatThrownBy(() -> add(bob, adasPublic, Optional.empty())).isInstanceOf(Forbidden.class)
                .hasMessage("only the owner may change this prompt");
        assertThatThrownBy(() -> add(bob, adasPublic, Optional.of(9))).isInstanceOf(Forbidden.class);
        assertThat(responsesOf(adasPublic)).isZero();
        assertThat(core.blobs.keys()).hasSize(bodies);
    }

    @Test
    void aPromptHoldsAtMostFiftyResponses() {
        String id = prompt(ada, false);
        for (int i = 0; i < ResponseService.MAX_RESPONSES_PER_PROMPT; i++) {
            add(ada, id, Optional.empty());
        }
        int bodies = core.blobs.keys().size();
        assertThatThrownBy(() -> add(ada, id, Optional.empty())).isInstanceOf(Conflict.class)
                .hasMessage("a prompt holds at most 50 responses");
        assertThatThrownBy(() -> add(ada, id, Optional.of(9))).as("the limit is checked before the version")
                .isInstanceOf(Conflict.class);
        assertThat(responsesOf(id)).isEqualTo(ResponseService.MAX_RESPONSES_PER_PROMPT);
        assertThat(core.blobs.keys()).hasSize(bodies);
    }

    @Test
    void aNamedVersionMustBeOneOfThePromptsVersions() {
        String id = prompt(ada, false);
        int bodies = core.blobs.keys().size();
        for (int version : List.of(0, 2, -1)) {
            assertThatThrownBy(() -> add(ada, id, Optional.of(version))).isInstanceOf(Invalid.class)
                    .satisfies(e -> assertThat(((Invalid) e).fieldErrors()).containsExactly(
                            new FieldError("promptVersion", "must be a version of this prompt, 1 to 1")));
        }
        assertThat(responsesOf(id)).isZero();
        assertThat(core.blobs.keys()).hasSize(bodies);
    }
}
