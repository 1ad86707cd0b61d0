package dev.prompttracker.adapter.d1;

import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.port.out.ResponseRepository.Addition;
import dev.prompttracker.application.port.out.ResponseRepository.Draft;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the units of work behind the busiest writes cost on D1, where each call is an HTTP round trip
 * within the account's API budget: one {@code /query} call each, however it ends (counted in the
 * stand-in's journal). {@code CloudflareCostIT} counts the same per request, end to end.
 */
class D1CallsTest extends RepositoryFactory.OnD1 {

    private <T> T inOneCall(Supplier<T> unit) {
        sql();
        standIn.clearJournal();
        T result = unit.get();
        assertThat(standIn.journal()).as("D1 calls").hasSize(1)
                .allSatisfy(call -> assertThat(call.path()).endsWith("/query"));
        return result;
    }

    private Addition add(PromptId prompt, UserId caller, int limit, Optional<Integer> version) {
        Draft draft = new Draft(ResponseId.random(), prompt, new ModelName("gpt-4o"), ContentPreview.of("an answer"),
                BlobKey.newResponseKey(Fixtures.T0), true, Fixtures.T0, version);
        return inOneCall(() -> responses().addIfAllowed(draft, caller, limit,
                SearchText.ofResponse(draft.contentKey(), "an answer")));
    }

    @Test
    void addingAResponseIsOneCallWhateverTheOutcome() {
        var owner = Fixtures.uniqueUser();
        var stranger = Fixtures.uniqueUser();
        users().create(owner);
        users().create(stranger);
        Prompt prompt = Fixtures.prompt(owner.id(), Fixtures.T0, "question", false);
        prompts().create(prompt, Fixtures.text(prompt));

        assertThat(add(prompt.id(), owner.id(), 1, Optional.empty()).added()).as("added").isPresent();
        assertThat(add(prompt.id(), owner.id(), 1, Optional.empty()).added()).as("at the limit").isEmpty();
        assertThat(add(prompt.id(), owner.id(), 5, Optional.of(2)).added()).as("no such version").isEmpty();
        assertThat(add(prompt.id(), stranger.id(), 5, Optional.empty()).added()).as("not the owner").isEmpty();
        assertThat(add(PromptId.random(), owner.id(), 5, Optional.empty()).prompt()).as("no prompt").isEmpty();
    }

    @Test
    void reportingProgressIsOneCall() {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        ProgressUpdate update = new ProgressUpdate(false, 30, Set.of("intro"), Set.of());
        assertThat(inOneCall(() -> progress().merge(reader, ChapterNumber.of(1), update, Fixtures.T0))).isEmpty();
        assertThat(inOneCall(() -> progress().merge(reader, ChapterNumber.of(1), update, Fixtures.T0.plusSeconds(1))))
                .isPresent();
    }
}
