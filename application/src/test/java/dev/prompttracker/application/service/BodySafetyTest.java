package dev.prompttracker.application.service;

import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.PromptWithVersions;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bodies and rows stay consistent when the metadata store fails: a body is written before its row
 * and removed again when the row write fails; an old body is deleted only after its row moved on.
 */
class BodySafetyTest {
    private final CoreFixture core = new CoreFixture();
    private final FailingPrompts failing = new FailingPrompts(core.prompts);
    private final ApplicationServices app = CoreWiring.create(withPrompts(core.ports(), failing),
            AuthSettings.defaults(Set.of()), core.content, RateLimits.generous(), core.clock);

    private static OutboundPorts withPrompts(OutboundPorts p, PromptRepository prompts) {
        return new OutboundPorts(p.users(), p.sessions(), prompts, p.responses(), p.blobs(), p.passwordHasher(),
                p.tokenIssuer(), p.subscribers(), p.progress(), p.accessLog(), p.magicLinks(), p.emailJobs(),
                p.mailSender(), p.emailDeliveries(), p.rateLimiter(), p.differ(), p.ratings(), p.collections());
    }

    @Test
    void aCreateTheStoreRefusedLeavesNoBodyBehind() {
        var ada = core.actor(core.register("ada"));
        failing.failNextWrite = new Conflict("this prompt already exists");
        assertThatThrownBy(() -> app.createPrompt().createPrompt(new CreatePromptCommand(ada, "", "body", false, List.of())))
                .isInstanceOf(Conflict.class);
        assertThat(core.blobs.keys()).isEmpty();
    }

    @Test
    void aCreateWhoseAnswerWasLostKeepsItsBodySoTheRowCanNeverPointAtNothing() {
        var ada = core.actor(core.register("ada"));
        failing.answerLostAfterNextWrite = true;
        assertThatThrownBy(() -> app.createPrompt().createPrompt(new CreatePromptCommand(ada, "", "body", false, List.of())))
                .isInstanceOf(Unavailable.class);
        var stored = app.listPrompts().listPrompts(new dev.prompttracker.application.port.in.ListPromptsQuery(ada, 20, "",
                "")).items();
        assertThat(stored).as("the store committed the row").hasSize(1);
        assertThat(app.getPrompt().getPrompt(new dev.prompttracker.application.port.in.GetPromptQuery(ada,
                stored.getFirst().prompt().id().value())).content().value()).isEqualTo("body");
    }

    @Test
    void anUpdateWhoseAnswerWasLostKeepsBothBodies() {
        var ada = core.actor(core.register("ada"));
        PromptView created = app.createPrompt().createPrompt(new CreatePromptCommand(ada, "", "original", false, List.of()));
        failing.answerLostAfterNextWrite = true;
        assertThatThrownBy(() -> app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada,
                created.prompt().id().value(), Optional.empty(), Optional.of("replacement"), Optional.empty(),
                Optional.empty()))).isInstanceOf(Unavailable.class);
        assertThat(app.getPrompt().getPrompt(new dev.prompttracker.application.port.in.GetPromptQuery(ada,
                created.prompt().id().value())).content().value()).isEqualTo("replacement");
        assertThat(core.blobs.keys()).hasSize(2);
    }

    @Test
    void aConflictingUpdateKeepsTheStoredBodyAndDropsTheNewOne() {
        var ada = core.actor(core.register("ada"));
        PromptView created = app.createPrompt().createPrompt(new CreatePromptCommand(ada, "", "original", false, List.of()));
        failing.failNextWrite = new Conflict("changed meanwhile");
        assertThatThrownBy(() -> app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada,
                created.prompt().id().value(), Optional.empty(), Optional.of("replacement"), Optional.empty(),
                Optional.empty()))).isInstanceOf(Conflict.class);
        assertThat(core.blobs.keys()).containsExactly(created.prompt().contentKey());
        assertThat(new String(core.blobs.get(created.prompt().contentKey()).orElseThrow())).isEqualTo("original");
    }

    @Test
    void aResponseToAPromptDeletedMeanwhileLeavesNoBodyBehind() {
        var ada = core.actor(core.register("ada"));
        PromptView created = app.createPrompt().createPrompt(new CreatePromptCommand(ada, "", "q", false, List.of()));
        core.prompts.delete(created.prompt().id(), ada.id());
        core.blobs.delete(created.prompt().contentKey());
        assertThatThrownBy(() -> app.addResponse().addResponse(new AddResponseCommand(ada,
                created.prompt().id().value(), "m", "answer", Optional.empty())))
                .isInstanceOf(dev.prompttracker.domain.error.NotFound.class);
        assertThat(core.blobs.keys()).isEmpty();
    }

    /** Delegates to the fake, failing the next write when told to. */
    private static final class FailingPrompts implements PromptRepository {
        private final PromptRepository delegate;
        RuntimeException failNextWrite;
        /** The next write is made, but its answer never comes back (a timeout after the commit). */
        boolean answerLostAfterNextWrite;

        FailingPrompts(PromptRepository delegate) {
            this.delegate = delegate;
        }

        private void maybeFail() {
            RuntimeException failure = failNextWrite;
            failNextWrite = null;
            if (failure != null) {
                throw failure;
            }
        }

        private void maybeLoseTheAnswer() {
            if (answerLostAfterNextWrite) {
                answerLostAfterNextWrite = false;
                throw new Unavailable("no answer from the store; the change may or may not have been made");
            }
        }

        @Override
        public void create(Prompt prompt, SearchText text) {
            maybeFail();
            delegate.create(prompt, text);
            maybeLoseTheAnswer();
        }

        @Override
        public void importPrompt(Prompt prompt, java.util.List<dev.prompttracker.domain.prompt.PromptVersion> versions,
                                 SearchText text) {
            maybeFail();
            delegate.importPrompt(prompt, versions, text);
            maybeLoseTheAnswer();
        }

        @Override
        public Optional<Prompt> findById(PromptId id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<PromptWithResponses> findWithResponses(PromptId id) {
            return delegate.findWithResponses(id);
        }

        @Override
        public PromptWithResponses update(Prompt revised, Optional<PromptVersion> newVersion,
                                          Optional<SearchText> newText) {
            maybeFail();
            PromptWithResponses after = delegate.update(revised, newVersion, newText);
            maybeLoseTheAnswer();
            return after;
        }

        @Override
        public Optional<PromptWithVersions> findWithVersions(PromptId id, java.util.Set<Integer> numbers) {
            return delegate.findWithVersions(id, numbers);
        }

        @Override
        public Optional<PromptWithVersions> findWithVersionPage(PromptId id, int limit, Optional<Integer> before) {
            return delegate.findWithVersionPage(id, limit, before);
        }

        @Override
        public List<PromptVersion> listVersions(PromptId id, int limit, Optional<Integer> before) {
            return delegate.listVersions(id, limit, before);
        }

        @Override
        public Deletion delete(PromptId id, UserId owner) {
            maybeFail();
            return delegate.delete(id, owner);
        }

        @Override
        public Page<PromptSummary> listByOwner(UserId owner, PromptFilter filter, PageRequest page) {
            return delegate.listByOwner(owner, filter, page);
        }

        @Override
        public Page<PromptSummary> listPublic(Optional<Tag> tag, PageRequest page) {
            return delegate.listPublic(tag, page);
        }

        @Override
        public SearchPage search(SearchCriteria criteria) {
            return delegate.search(criteria);
        }

        @Override
        public List<UnindexedBody> unindexedBodies(int limit) {
            return delegate.unindexedBodies(limit);
        }

        @Override
        public void indexBodies(List<SearchText> texts) {
            maybeFail();
            delegate.indexBodies(texts);
        }
    }
}
