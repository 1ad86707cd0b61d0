package dev.prompttracker.domain;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.error.FieldError;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules on entities, pages and input checking. */
class RulesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static Prompt prompt(UserId owner, boolean isPublic) {
        return new Prompt(PromptId.random(), owner, Optional.empty(), ContentPreview.of("x"), BlobKey.newPromptKey(T0),
                isPublic, Tags.none(), T0, T0, 1, 1);
    }

    @Test
    void aPrivatePromptIsReadableByItsOwnerOnlyAndAPublicOneByAnyone() {
        UserId owner = UserId.random();
        UserId stranger = UserId.random();
        Prompt secret = prompt(owner, false);
        Prompt shared = prompt(owner, true);
        assertThat(secret.isReadableBy(Optional.of(owner))).isTrue();
        assertThat(secret.isReadableBy(Optional.of(stranger))).isFalse();
        assertThat(secret.isReadableBy(Optional.empty())).isFalse();
        assertThat(shared.isReadableBy(Optional.empty())).isTrue();
        assertThat(shared.isOwnedBy(stranger)).isFalse();
    }

    @Test
    void revisingAPromptBumpsItsVersionAndNeverMovesTimeBackwards() {
        Prompt prompt = prompt(UserId.random(), false);
        Prompt revised = prompt.revise(Title.parseOptional("New"), prompt.contentPreview(), prompt.contentKey(), true,
                prompt.tags(), T0.minusSeconds(10));
        assertThat(revised.version()).isEqualTo(2);
        assertThat(revised.updatedAt()).isEqualTo(T0);
        assertThat(revised.createdAt()).isEqualTo(T0);
        assertThat(revised.id()).isEqualTo(prompt.id());
        assertThat(prompt.revise(Optional.empty(), prompt.contentPreview(), prompt.contentKey(), false, prompt.tags(),
                T0.plusSeconds(5)).updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aSessionIsActiveUntilItExpiresOrIsRevoked() {
        Session session = new Session(SessionId.random(), UserId.random(), T0, T0, T0.plus(Duration.ofDays(1)),
                Optional.empty(), "agent\u0000with\ncontrols" + "x".repeat(600), "127.0.0.1");
        assertThat(session.isActiveAt(T0.plusSeconds(1))).isTrue();
        assertThat(session.isActiveAt(T0.plus(Duration.ofDays(1)))).isFalse();
        assertThat(session.userAgent()).hasSize(Session.MAX_USER_AGENT_LENGTH).doesNotContain("\u0000", "\n");
        Session revoked = new Session(session.id(), session.userId(), T0, T0, session.expiresAt(), Optional.of(T0),
                "", "");
        assertThat(revoked.isActiveAt(T0.plusSeconds(1))).isFalse();
    }

    @Test
    void pageSizesDefaultToTwentyAndAreCappedAtAHundred() {
        assertThat(PageSize.of(0).value()).isEqualTo(20);
        assertThat(PageSize.of(1).value()).isEqualTo(1);
        assertThat(PageSize.of(100).value()).isEqualTo(100);
        assertThat(PageSize.of(1_000_000_000).value()).isEqualTo(100);
        assertThatThrownBy(() -> PageSize.of(-1)).isInstanceOf(Invalid.class);
    }

    @Test
    void pageTokensRoundTripAndForgeriesAreInvalid() {
        PageCursor cursor = new PageCursor(T0, PromptId.random().value());
        assertThat(PageCursor.parse(cursor.token())).contains(cursor);
        assertThat(PageCursor.parse("")).isEmpty();
        assertThat(PageCursor.parse(null)).isEmpty();
        for (String forged : List.of("forged!", "x".repeat(500),
                Base64.getUrlEncoder().encodeToString("v1|abc|x".getBytes()),
                Base64.getUrlEncoder().encodeToString("v2|1|00000000-0000-4000-8000-000000000000".getBytes()),
                Base64.getUrlEncoder().encodeToString("v1|-5|00000000-0000-4000-8000-000000000000".getBytes()))) {
            assertThatThrownBy(() -> PageCursor.parse(forged)).as(forged).isInstanceOfSatisfying(Invalid.class,
                    e -> assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("pageToken"));
        }
    }

    @Test
    void anInputCheckReportsEveryFailingFieldAtOnce() {
        InputCheck check = new InputCheck();
        assertThat(check.field(() -> Username.parse("x"))).isEmpty();
        assertThat(check.field(() -> Email.parse("nope"))).isEmpty();
        assertThat(check.field(() -> Username.parse("valid_name"))).isPresent();
        assertThatThrownBy(check::done).isInstanceOfSatisfying(Invalid.class, e -> {
            assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("username", "email");
            assertThat(e.getMessage()).contains("username").contains("email");
        });
        new InputCheck().done();
    }
}
