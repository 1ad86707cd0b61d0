package dev.prompttracker.application.service;

import dev.prompttracker.application.fake.InMemorySequenceDiffer;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.DeletePromptCommand;
import dev.prompttracker.application.port.in.DiffPromptVersionsQuery;
import dev.prompttracker.application.port.in.DiffResponsesQuery;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.GetPromptVersionQuery;
import dev.prompttracker.application.port.in.ListPromptVersionsQuery;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.in.RestorePromptVersionCommand;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.application.port.in.VersionPage;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.diff.DiffHunk;
import dev.prompttracker.domain.diff.DiffOp;
import dev.prompttracker.domain.diff.DiffSegment;
import dev.prompttracker.domain.diff.TextDiff;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.TooLarge;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.VersionMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A prompt's history through the real services: versions, restores, diffs, who may see and do what. */
class PromptHistoryScenarioTest {
    private final CoreFixture core = new CoreFixture();
    private final Actor.SignedIn ada = core.actor(core.register("ada"));
    private final Actor.SignedIn bob = core.actor(core.register("bob"));

    private PromptView update(String id, Optional<String> title, Optional<String> content, String message) {
        core.clock.advance(Duration.ofSeconds(1));
        return core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, id, title, content, Optional.empty(),
                Optional.empty(), Optional.ofNullable(message)));
    }

    @Test
    void everyChangeOfTitleOrTextIsAVersionAndARestoreIsOneMore() {
        PromptView created = core.app.createPrompt().createPrompt(new CreatePromptCommand(ada, "Haiku",
                "Write a haiku\nabout SQLite", false, List.of("poetry")));
        String id = created.prompt().id().value();
        assertThat(created.prompt().textVersion()).isEqualTo(1);

        update(id, Optional.empty(), Optional.of("Write a haiku\nabout Postgres"), "other database");
        update(id, Optional.of("A haiku"), Optional.empty(), null);
        core.clock.advance(Duration.ofSeconds(1));
        PromptView retagged = core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, id, Optional.empty(),
                Optional.of("Write a haiku\nabout Postgres"), Optional.of(true), Optional.of(List.of("x"))));
        assertThat(retagged.prompt().textVersion()).as("the same text and new tags make no version").isEqualTo(3);

        VersionPage page = core.app.listPromptVersions().listPromptVersions(new ListPromptVersionsQuery(ada, id, 2, ""));
        assertThat(page.versions()).extracting(PromptVersion::number).containsExactly(3, 2);
        assertThat(page.versions().get(1).message()).contains(new VersionMessage("other database"));
        assertThat(page.versions().getFirst().authorId()).isEqualTo(ada.id());
        VersionPage rest = core.app.listPromptVersions().listPromptVersions(new ListPromptVersionsQuery(ada, id, 2,
                page.nextPageToken()));
        assertThat(rest.versions()).extracting(PromptVersion::number).containsExactly(1);
        assertThat(rest.nextPageToken()).isEmpty();

        var v1 = core.app.getPromptVersion().getPromptVersion(new GetPromptVersionQuery(ada, id, 1));
        assertThat(v1.content().value()).isEqualTo("Write a haiku\nabout SQLite");
        assertThat(v1.version().title().orElseThrow().value()).isEqualTo("Haiku");

        TextDiff diff = core.app.diffPromptVersions().diffPromptVersions(new DiffPromptVersionsQuery(ada, id, 1, 3));
        assertThat(diff.hunks()).extracting(DiffHunk::changed).containsExactly(false, true);
        assertThat(diff.hunks().get(1).segments()).containsExactly(new DiffSegment(DiffOp.EQUAL, "about "),
                new DiffSegment(DiffOp.DELETE, "SQLite"), new DiffSegment(DiffOp.INSERT, "Postgres"));
        assertThat(diff.apply(v1.content().value())).isEqualTo("Write a haiku\nabout Postgres");

        core.clock.advance(Duration.ofSeconds(1));
        PromptView restored = core.app.restorePromptVersion().restorePromptVersion(
                new RestorePromptVersionCommand(ada, id, 1, Optional.empty()));
        assertThat(restored.prompt().textVersion()).isEqualTo(4);
        assertThat(restored.content().value()).isEqualTo("Write a haiku\nabout SQLite");
        assertThat(restored.prompt().title().orElseThrow().value()).isEqualTo("Haiku");
        assertThat(restored.prompt().tags().strings()).as("tags are not versioned").containsExactly("x");
        PromptVersion v4 = core.app.getPromptVersion().getPromptVersion(new GetPromptVersionQuery(ada, id, 4)).version();
        assertThat(v4.message()).contains(new VersionMessage("Restored v1"));
        assertThat(v4.contentKey()).as("a restore shares the old body").isEqualTo(v1.version().contentKey());
        PromptView again = core.app.restorePromptVersion().restorePromptVersion(
                new RestorePromptVersionCommand(ada, id, 4, Optional.empty()));
        assertThat(again.prompt().textVersion()).as("restoring the current text changes nothing").isEqualTo(4);

        assertThat(core.blobs.keys()).as("every version's body is kept while the prompt lives").hasSize(2);
        core.app.deletePrompt().deletePrompt(new DeletePromptCommand(ada, id));
        assertThat(core.blobs.keys()).as("and removed with it").isEmpty();
    }

    @Test
    void othersSeeTheHistoryOfPublicPromptsOnlyAndRestoreNothing() {
        PromptView secret = core.app.createPrompt().createPrompt(new CreatePromptCommand(ada, "", "private", false,
                List.of()));
        String id = secret.prompt().id().value();
        assertThatThrownBy(() -> core.app.listPromptVersions().listPromptVersions(
                new ListPromptVersionsQuery(bob, id, 10, ""))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> core.app.getPromptVersion().getPromptVersion(new GetPromptVersionQuery(Actor.ANONYMOUS,
                id, 1))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> core.app.diffPromptVersions().diffPromptVersions(new DiffPromptVersionsQuery(bob, id,
                1, 1))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> core.app.restorePromptVersion().restorePromptVersion(
                new RestorePromptVersionCommand(bob, id, 1, Optional.empty()))).isInstanceOf(NotFound.class);

        core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, id, Optional.empty(), Optional.of("public now"),
                Optional.of(true), Optional.empty()));
        assertThat(core.app.listPromptVersions().listPromptVersions(new ListPromptVersionsQuery(Actor.ANONYMOUS, id, 10,
                "")).versions()).hasSize(2);
        assertThatThrownBy(() -> core.app.restorePromptVersion().restorePromptVersion(
                new RestorePromptVersionCommand(bob, id, 1, Optional.empty()))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> core.app.getPromptVersion().getPromptVersion(new GetPromptVersionQuery(bob, id, 3)))
                .isInstanceOf(NotFound.class).hasMessage("version not found");
        assertThatThrownBy(() -> core.app.listPromptVersions().listPromptVersions(new ListPromptVersionsQuery(bob, id,
                10, "not-a-token"))).isInstanceOf(Invalid.class);
    }

    @Test
    void responsesRecordTheVersionTheyAnsweredAndTwoCanBeCompared() {
        PromptView created = core.app.createPrompt().createPrompt(new CreatePromptCommand(ada, "", "v1 text", false,
                List.of()));
        String id = created.prompt().id().value();
        ResponseView first = core.app.addResponse().addResponse(new AddResponseCommand(ada, id, "m1",
                "The quick brown fox", Optional.empty()));
        update(id, Optional.empty(), Optional.of("v2 text"), null);
        ResponseView second = core.app.addResponse().addResponse(new AddResponseCommand(ada, id, "m2",
                "The quick red fox", Optional.empty()));
        ResponseView late = core.app.addResponse().addResponse(new AddResponseCommand(ada, id, "m3", "late",
                Optional.empty(), Optional.of(1)));
        assertThat(List.of(first, second, late)).extracting(r -> r.response().promptVersion()).containsExactly(1, 2, 1);
        assertThatThrownBy(() -> core.app.addResponse().addResponse(new AddResponseCommand(ada, id, "m4", "x",
                Optional.empty(), Optional.of(3)))).isInstanceOf(Invalid.class);

        TextDiff diff = core.app.diffResponses().diffResponses(new DiffResponsesQuery(ada, id,
                first.response().id().value(), second.response().id().value()));
        assertThat(diff.hunks()).hasSize(1);
        assertThat(diff.hunks().getFirst().segments()).containsExactly(new DiffSegment(DiffOp.EQUAL, "The quick "),
                new DiffSegment(DiffOp.DELETE, "brown"), new DiffSegment(DiffOp.INSERT, "red"),
                new DiffSegment(DiffOp.EQUAL, " fox"));
        PromptView other = core.app.createPrompt().createPrompt(new CreatePromptCommand(ada, "", "other", false,
                List.of()));
        assertThatThrownBy(() -> core.app.diffResponses().diffResponses(new DiffResponsesQuery(ada,
                other.prompt().id().value(), first.response().id().value(), second.response().id().value())))
                .isInstanceOf(NotFound.class).hasMessage("response not found");
        assertThat(core.app.getPrompt().getPrompt(new GetPromptQuery(ada, id)).responses())
                .extracting(r -> r.response().promptVersion()).containsExactly(1, 2, 1);
    }

    /** The property: for random pairs of texts, the hunks applied to {@code from} give {@code to}. */
    @Test
    void theHunksOfAnyDiffApplyToFromAndGiveTo() {
        TextDiffs diffs = new TextDiffs(new InMemorySequenceDiffer(), MutableClock.startingAt("2026-12-03T10:00:00Z"));
        Random random = new Random(1203);
        String[] words = {"alpha", "beta", "gamma", " ", "  ", "\n", "\r\n", ",", ".", "é", "🙂", "delta_1", "\t"};
        for (int round = 0; round < 1_500; round++) {
            String from = randomText(random, words);
            String to = random.nextBoolean() ? randomText(random, words) : mutate(from, random, words);
            TextDiff diff = diffs.diff(from, to);
            String pair = "round " + round;
            assertThat(diff.apply(from)).as(pair).isEqualTo(to);
            assertThat(diff.hunks().stream().map(DiffHunk::fromText).collect(Collectors.joining())).as(pair)
                    .isEqualTo(from);
            assertThat(diff.identical()).as(pair).isEqualTo(from.equals(to));
            int fromLines = TextDiffs.lines(from).size();
            assertThat(diff.hunks().stream().mapToInt(DiffHunk::fromCount).sum()).as(pair).isEqualTo(fromLines);
            for (int i = 1; i < diff.hunks().size(); i++) {
                DiffHunk before = diff.hunks().get(i - 1);
                assertThat(diff.hunks().get(i).fromLine()).as(pair).isEqualTo(before.fromLine() + before.fromCount());
                assertThat(diff.hunks().get(i).toLine()).as(pair).isEqualTo(before.toLine() + before.toCount());
                assertThat(before.changed() && diff.hunks().get(i).changed()).as(pair + ": changed hunks merge").isFalse();
            }
        }
    }

    @Test
    void textsBeyondTheBoundsAreRefusedWithTheReason() {
        TextDiffs diffs = new TextDiffs(new InMemorySequenceDiffer(), MutableClock.startingAt("2026-12-03T10:00:00Z"));
        String manyLines = "x\n".repeat(TextDiffs.MAX_LINES + 1);
        assertThatThrownBy(() -> diffs.diff(manyLines, "x")).isInstanceOf(TooLarge.class)
                .hasMessageContaining(TextDiffs.MAX_LINES + " lines");
        // The fake gives up past its table size, as the real differ does past its time budget.
        String a = IntStream.range(0, 3_000).mapToObj(i -> "a" + i + "\n").collect(Collectors.joining());
        String b = IntStream.range(0, 3_000).mapToObj(i -> "b" + i + "\n").collect(Collectors.joining());
        assertThatThrownBy(() -> diffs.diff(a, b)).isInstanceOf(TooLarge.class).hasMessageContaining("differ too much");
    }

    private static String randomText(Random random, String[] words) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            text.append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    private static String mutate(String from, Random random, String[] words) {
        StringBuilder to = new StringBuilder(from);
        for (int changes = random.nextInt(4); changes > 0; changes--) {
            int at = to.isEmpty() ? 0 : random.nextInt(to.length());
            if (at > 0 && Character.isLowSurrogate(to.charAt(at))) {
                at--;
            }
            to.insert(at, words[random.nextInt(words.length)]);
        }
        return to.toString();
    }
}
