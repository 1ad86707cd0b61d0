package dev.prompttracker.domain;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.diff.DiffHunk;
import dev.prompttracker.domain.diff.DiffOp;
import dev.prompttracker.domain.diff.DiffSegment;
import dev.prompttracker.domain.diff.TextDiff;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text versions move with the title and text only; a diff applies to the text it was made from, and only to it. */
class VersionsAndDiffsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void onlyANewTitleOrTextMakesANewTextVersion() {
        Prompt prompt = new Prompt(PromptId.random(), UserId.random(), Optional.empty(), ContentPreview.of("x"),
                BlobKey.newPromptKey(T0), false, Tags.none(), T0, T0, 1, 1);
        Prompt tagged = prompt.revise(prompt.title(), prompt.contentPreview(), prompt.contentKey(), true,
                Tags.parse(List.of("a")), T0.plusSeconds(1));
        assertThat(tagged.version()).isEqualTo(2);
        assertThat(tagged.textVersion()).isEqualTo(1);
        assertThat(prompt.textChangedIn(tagged)).isFalse();
        Prompt titled = tagged.revise(Title.parseOptional("T"), tagged.contentPreview(), tagged.contentKey(), true,
                tagged.tags(), T0.plusSeconds(2));
        assertThat(titled.textVersion()).isEqualTo(2);
        Prompt rewritten = titled.revise(titled.title(), ContentPreview.of("y"), BlobKey.newPromptKey(T0), true,
                titled.tags(), T0.plusSeconds(3));
        assertThat(rewritten.textVersion()).isEqualTo(3);
        assertThat(titled.textChangedIn(rewritten)).isTrue();
    }

    @Test
    void aVersionMessageIsOneShortLine() {
        assertThat(VersionMessage.parseOptional("  ")).isEmpty();
        assertThat(VersionMessage.parseOptional(" tighter wording ")).contains(new VersionMessage("tighter wording"));
        assertThatThrownBy(() -> VersionMessage.parseOptional("two\nlines")).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> VersionMessage.parseOptional("x".repeat(201))).isInstanceOf(Invalid.class);
    }

    @Test
    void aDiffAppliesToItsOwnTextOnly() {
        TextDiff diff = new TextDiff(List.of(
                new DiffHunk(1, 1, 1, 1, false, List.of(new DiffSegment(DiffOp.EQUAL, "same\n"))),
                new DiffHunk(2, 1, 2, 1, true, List.of(new DiffSegment(DiffOp.EQUAL, "the "),
                        new DiffSegment(DiffOp.DELETE, "old"), new DiffSegment(DiffOp.INSERT, "new"),
                        new DiffSegment(DiffOp.EQUAL, " line")))), true);
        assertThat(diff.apply("same\nthe old line")).isEqualTo("same\nthe new line");
        assertThat(diff.hunks().get(1).fromText()).isEqualTo("the old line");
        assertThat(diff.hunks().get(1).toText()).isEqualTo("the new line");
        assertThat(diff.linesInserted()).isEqualTo(1);
        assertThat(diff.linesDeleted()).isEqualTo(1);
        assertThatThrownBy(() -> diff.apply("same\nthe odd line")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> diff.apply("same\nthe old line and more")).isInstanceOf(IllegalArgumentException.class);
    }
}
