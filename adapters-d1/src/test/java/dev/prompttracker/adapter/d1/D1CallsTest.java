package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.application.port.out.ResponseRepository.Addition;
import dev.prompttracker.application.port.out.ResponseRepository.Draft;
import dev.prompttracker.application.port.out.ResponseRepository.NewBody;
import dev.prompttracker.application.port.out.ResponseRepository.Revision;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.SessionRepository.Refresh;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.rating.Note;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.RatingScope;
import dev.prompttracker.domain.rating.Stars;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the units of work behind the busiest writes cost on D1, where each call is an HTTP round trip
 * within the account's API budget: one {@code /query} call each, however it ends (counted in the
 * stand-in's journal), a refused update included. {@code CloudflareCostIT} counts per request, end to end.
 */
class D1CallsTest extends RepositoryFactory.OnD1 {

    private <T> T inOneCall(Supplier<T> unit) {
        // An executor's first write looks up, once, whether write receipts exist (migration 0008).
        sql().write(List.of(SqlStatement.of("select 1")));
        standIn.clearJournal();
        try {
            return unit.get();
        } finally {
            // Refusals too: counted whether the unit answered or threw.
            assertThat(standIn.journal()).as("D1 calls").hasSize(1)
                    .allSatisfy(call -> assertThat(call.path()).endsWith("/query"));
        }
    }

    private Addition add(PromptId prompt, UserId caller, int limit, Optional<Integer> version) {
        Draft draft = new Draft(ResponseId.random(), prompt, new ModelName("gpt-4o"), ContentPreview.of("an answer"),
                BlobKey.newResponseKey(Fixtures.T0), true, Fixtures.T0, version);
        return inOneCall(() -> responses().addIfAllowed(draft, caller, limit,
                SearchText.ofResponse(draft.contentKey(), "an answer")));
    }

    @Test
    void addingAResponseIsOneCallWhateverTheOutcome() {
        Cast cast = cast(false);
        User owner = cast.owner();
        User stranger = cast.stranger();
        Prompt prompt = cast.prompt();

        assertThat(add(prompt.id(), owner.id(), 1, Optional.empty()).added()).as("added").isPresent();
        assertThat(add(prompt.id(), owner.id(), 1, Optional.empty()).added()).as("at the limit").isEmpty();
        assertThat(add(prompt.id(), owner.id(), 5, Optional.of(2)).added()).as("no such version").isEmpty();
        assertThat(add(prompt.id(), stranger.id(), 5, Optional.empty()).added()).as("not the owner").isEmpty();
        assertThat(add(PromptId.random(), owner.id(), 5, Optional.empty()).prompt()).as("no prompt").isEmpty();
    }

    @Test
    void aRefusedUpdateTellsMissingFromStaleInTheSameCall() {
        var owner = Fixtures.uniqueUser();
        users().create(owner);
        Prompt prompt = Fixtures.prompt(owner.id(), Fixtures.T0, "question", false);
        prompts().create(prompt, Fixtures.text(prompt));
        Prompt stale = new Prompt(prompt.id(), owner.id(), prompt.title(), prompt.contentPreview(), prompt.contentKey(),
                true, prompt.tags(), prompt.createdAt(), prompt.updatedAt(), prompt.version() + 2, prompt.textVersion());
        assertThatThrownBy(() -> inOneCall(() -> {
            prompts().update(stale, Optional.empty(), Optional.empty());
            return null;
        })).isInstanceOf(Conflict.class);
        Prompt missing = Fixtures.prompt(owner.id(), Fixtures.T0, "never stored", false);
        Prompt revisedMissing = new Prompt(missing.id(), owner.id(), missing.title(), missing.contentPreview(),
                missing.contentKey(), true, missing.tags(), missing.createdAt(), missing.updatedAt(), 2, 1);
        assertThatThrownBy(() -> inOneCall(() -> {
            prompts().update(revisedMissing, Optional.empty(), Optional.empty());
            return null;
        })).isInstanceOf(NotFound.class);


        Subscriber subscriber = subscribers().createIfAbsent(Fixtures.subscriber(Fixtures.uniqueEmail(), Fixtures.T0));
        Subscriber unsubscribed = subscriber.administer(false, false, Optional.empty(), SubscriberState.UNSUBSCRIBED,
                Fixtures.T0.plusSeconds(1));
        Subscriber skipped = unsubscribed.administer(true, false, Optional.empty(), SubscriberState.ACTIVE,
                Fixtures.T0.plusSeconds(2));
        assertThatThrownBy(() -> inOneCall(() -> {
            subscribers().update(skipped);
            return null;
        })).isInstanceOf(Conflict.class);
    }

    @Test
    void reportingProgressIsOneCall() {
        Email reader = Email.parse(Fixtures.uniqueEmail());
        ProgressUpdate update = new ProgressUpdate(false, 30, Set.of("intro"), Set.of());
        assertThat(inOneCall(() -> progress().merge(reader, ChapterNumber.of(1), update, Fixtures.T0))).isEmpty();
        assertThat(inOneCall(() -> progress().merge(reader, ChapterNumber.of(1), update, Fixtures.T0.plusSeconds(1))))
                .isPresent();
    }

    @Test
    void aPromptIsReadWithItsVersionsInOneCall() {
        var owner = Fixtures.uniqueUser();
        users().create(owner);
        Prompt prompt = Fixtures.prompt(owner.id(), Fixtures.T0, "question", false);
        prompts().create(prompt, Fixtures.text(prompt));
        assertThat(inOneCall(() -> prompts().findWithVersions(prompt.id(), Set.of(1, 2))).orElseThrow().versions())
                .hasSize(1);
        assertThat(inOneCall(() -> prompts().findWithVersionPage(prompt.id(), 21, Optional.empty())).orElseThrow()
                .versions()).hasSize(1);
        assertThat(inOneCall(() -> prompts().findWithVersions(PromptId.random(), Set.of(1)))).isEmpty();
    }

    @Test
    void anUpdateIsOneCallWithItsReadBack() {
        var owner = Fixtures.uniqueUser();
        users().create(owner);
        Prompt prompt = Fixtures.prompt(owner.id(), Fixtures.T0, "question", false);
        prompts().create(prompt, Fixtures.text(prompt));
        Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "m", "a"));
        Prompt revised = prompt.revise(prompt.title(), prompt.contentPreview(), prompt.contentKey(), true,
                prompt.tags(), Fixtures.T0.plusSeconds(1));

        assertThat(inOneCall(() -> prompts().update(revised, Optional.empty(), Optional.empty())).responses())
                .as("read back with its responses").hasSize(1);
    }

    private User stored(User user) {
        users().create(user);
        return user;
    }

    /** A collection of {@code owner}'s, stored. */
    private Collection storedCollection(User owner, boolean isPublic) {
        Collection collection = Collection.create(CollectionId.random(), owner.id(), CollectionName.parse("reading"),
                CollectionDescription.NONE, isPublic, Fixtures.T0);
        collections().create(collection, 10);
        return collection;
    }

    /** An owner, a stranger and the owner's prompt, stored. */
    private record Cast(User owner, User stranger, Prompt prompt) {
    }

    private Cast cast(boolean isPublic) {
        User owner = Fixtures.uniqueUser();
        User stranger = Fixtures.uniqueUser();
        users().create(owner);
        users().create(stranger);
        Prompt prompt = Fixtures.prompt(owner.id(), Fixtures.T0, "question", isPublic);
        prompts().create(prompt, Fixtures.text(prompt));
        return new Cast(owner, stranger, prompt);
    }

    @Test
    void deletingAPromptIsOneCallWhateverTheOutcome() {
        Cast cast = cast(true);
        User owner = cast.owner();
        User stranger = cast.stranger();
        Prompt prompt = cast.prompt();
        Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "m", "a"));

        assertThat(inOneCall(() -> prompts().delete(prompt.id(), stranger.id())).kept()).as("not the owner")
                .contains(prompt);
        assertThat(inOneCall(() -> prompts().delete(prompt.id(), owner.id())).keys()).as("deleted").hasSize(2);
        assertThat(inOneCall(() -> prompts().delete(prompt.id(), owner.id())).kept()).as("gone").isEmpty();
    }

    @Test
    void deletingAResponseIsOneCallWhateverTheOutcome() {
        Cast cast = cast(true);
        User owner = cast.owner();
        User stranger = cast.stranger();
        Prompt prompt = cast.prompt();
        Response response = Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "m", "a"));

        assertThat(inOneCall(() -> responses().delete(prompt.id(), response.id(), stranger.id())).deletedKey())
                .as("not the owner").isEmpty();
        assertThat(inOneCall(() -> responses().delete(prompt.id(), response.id(), owner.id())).deletedKey())
                .as("deleted").contains(response.contentKey());
        assertThat(inOneCall(() -> responses().delete(prompt.id(), response.id(), owner.id())).prompt())
                .as("no such response").contains(prompt);
    }

    @Test
    void changingAResponseIsOneCallWhateverTheOutcome() {
        Cast cast = cast(true);
        User owner = cast.owner();
        User stranger = cast.stranger();
        Prompt prompt = cast.prompt();
        Response response = Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "m", "a"));
        BlobKey key = BlobKey.newResponseKey(Fixtures.T0);
        Revision revision = new Revision(Optional.of(new ModelName("m2")), Optional.of(new NewBody(
                ContentPreview.of("b"), SearchText.ofResponse(key, "b"))), Optional.empty(), Fixtures.T0.plusSeconds(1));

        assertThat(inOneCall(() -> responses().update(prompt.id(), response.id(), stranger.id(), revision)).changed())
                .as("not the owner").isEmpty();
        assertThat(inOneCall(() -> responses().update(prompt.id(), response.id(), owner.id(), revision)).replacedKey())
                .as("changed").contains(response.contentKey());
        assertThat(inOneCall(() -> responses().update(prompt.id(), ResponseId.random(), owner.id(), revision))
                .changed()).as("no such response").isEmpty();
    }

    @Test
    void aJudgementIsOneCallWhateverTheOutcome() {
        Cast cast = cast(false);
        User owner = cast.owner();
        User stranger = cast.stranger();
        Prompt prompt = cast.prompt();
        Response a = Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "m", "a"));
        Response b = Fixtures.store(responses(), Fixtures.response(prompt.id(), Fixtures.T0, "n", "b"));

        for (UserId rater : List.of(owner.id(), stranger.id())) {
            inOneCall(() -> ratings().saveRatingIfAllowed(new Rating(prompt.id(), a.id(), rater, new Stars(4),
                    new Note(""), Fixtures.T0)));
            inOneCall(() -> ratings().savePreferencesIfAllowed(List.of(new Preference(prompt.id(), a.id(), b.id(),
                    rater, new Note(""), Fixtures.T0)), true));
        }
        assertThat(inOneCall(() -> ratings().judgementsOf(prompt.id(), Optional.of(owner.id()))).orElseThrow()
                .totals()).hasSize(1);
        assertThat(inOneCall(() -> ratings().judgementsOf(prompt.id(), Optional.of(stranger.id()))).orElseThrow()
                .ratings()).isEmpty();
        assertThat(inOneCall(() -> ratings().leaderboardInputs(new RatingScope.Mine(owner.id()))).modelRatings())
                .hasSize(1);
    }

    @Test
    void registeringIsOneCallAndSoIsItsRefusal() {
        var user = Fixtures.uniqueUser();
        inOneCall(() -> {
            sessions().register(user, Fixtures.session(user.id(), Fixtures.T0, java.time.Duration.ofDays(1)),
                    Fixtures.randomHash());
            return null;
        });
        assertThatThrownBy(() -> inOneCall(() -> {
            sessions().register(user, Fixtures.session(user.id(), Fixtures.T0, java.time.Duration.ofDays(1)),
                    Fixtures.randomHash());
            return null;
        })).isInstanceOf(Conflict.class);
    }

    @Test
    void signingInByLinkIsOneCallWhateverTheOutcome() {
        User registered = stored(Fixtures.uniqueUser());
        Email newcomer = Email.parse(Fixtures.uniqueEmail());
        for (Email email : List.of(newcomer, registered.email())) {
            MagicLink.Issued link = MagicLink.Issued.now(Fixtures.randomHash(), email, MagicLinkPurpose.LOGIN,
                    Fixtures.T0);
            links().create(link);
            for (String outcome : List.of("signed in", "used already")) {
                var account = new SessionRepository.NewAccount(UserId.random(), "k2");
                var signIn = inOneCall(() -> sessions().signInByLink(link.tokenHash(), Optional.empty(), account,
                        Fixtures.session(account.id(), Fixtures.T0.plusSeconds(1), java.time.Duration.ofDays(1)),
                        Fixtures.randomHash()));
                assertThat(signIn instanceof SessionRepository.LinkSignIn.SignedIn).as(email + " " + outcome)
                        .isEqualTo(outcome.equals("signed in"));
            }
        }
    }

    @Test
    void verifyingAnAddressIsOneCallWhateverTheOutcome() {
        User owner = stored(Fixtures.uniqueUser());
        User squatter = stored(Fixtures.uniqueUser());
        Session own = Fixtures.session(owner.id(), Fixtures.T0, java.time.Duration.ofDays(1));
        sessions().create(own, Fixtures.randomHash());
        sessions().create(Fixtures.session(squatter.id(), Fixtures.T0, java.time.Duration.ofDays(1)),
                Fixtures.randomHash());
        var fromOwnSession = Optional.of(new SessionRepository.Presenter(owner.id(), own.id()));
        record Case(String outcome, Email email, MagicLinkPurpose purpose,
                    Optional<SessionRepository.Presenter> presenter, Class<?> answer) {
        }
        for (Case c : List.of(
                new Case("proven from its own session", owner.email(), MagicLinkPurpose.VERIFY_EMAIL, fromOwnSession,
                        SessionRepository.EmailVerification.Verified.class),
                new Case("proven already", owner.email(), MagicLinkPurpose.VERIFY_EMAIL, Optional.empty(),
                        SessionRepository.EmailVerification.Verified.class),
                new Case("a password removed, sessions ended", squatter.email(), MagicLinkPurpose.VERIFY_EMAIL,
                        Optional.empty(), SessionRepository.EmailVerification.Verified.class),
                new Case("no account", Email.parse(Fixtures.uniqueEmail()), MagicLinkPurpose.VERIFY_EMAIL,
                        Optional.empty(), SessionRepository.EmailVerification.NoAccount.class),
                new Case("a sign-in link", owner.email(), MagicLinkPurpose.LOGIN, Optional.empty(),
                        SessionRepository.EmailVerification.Refused.class))) {
            MagicLink.Issued link = MagicLink.Issued.now(Fixtures.randomHash(), c.email(), c.purpose(), Fixtures.T0);
            links().create(link);
            for (boolean first : List.of(true, false)) {
                Instant at = Fixtures.T0.plusSeconds(first ? 1 : 2);
                var opening = new SessionRepository.Opening(SessionId.random(), at, at.plusSeconds(86_400), "JUnit",
                        "127.0.0.1");
                var verification = inOneCall(() -> sessions().verifyEmail(link.tokenHash(), c.presenter(), opening,
                        Fixtures.randomHash()));
                assertThat(verification).as(c.outcome() + (first ? "" : ", used already"))
                        .isInstanceOf(first ? c.answer() : SessionRepository.EmailVerification.Refused.class);
            }
        }
        MagicLink.Issued expiring = MagicLink.Issued.now(Fixtures.randomHash(), owner.email(),
                MagicLinkPurpose.VERIFY_EMAIL, Fixtures.T0);
        links().create(expiring);
        Instant late = expiring.expiresAt();
        assertThat(inOneCall(() -> sessions().verifyEmail(expiring.tokenHash(), Optional.empty(),
                new SessionRepository.Opening(SessionId.random(), late, late.plusSeconds(86_400), "JUnit", "127.0.0.1"),
                Fixtures.randomHash()))).as("expired").isEqualTo(new SessionRepository.EmailVerification.Refused());
    }

    @Test
    void refreshingASessionIsOneCallWhateverTheOutcome() {
        var user = Fixtures.uniqueUser();
        users().create(user);
        var session = Fixtures.session(user.id(), Fixtures.T0, java.time.Duration.ofDays(1));
        var first = Fixtures.randomHash();
        var second = Fixtures.randomHash();
        sessions().create(session, first);

        assertThat(inOneCall(() -> sessions().refresh(first, second, Fixtures.T0.plusSeconds(1))))
                .as("rotated").isInstanceOf(Refresh.Rotated.class);
        assertThat(inOneCall(() -> sessions().refresh(first, Fixtures.randomHash(), Fixtures.T0.plusSeconds(2))))
                .as("reused").isEqualTo(new Refresh.Reused(session.id(), true));
        assertThat(inOneCall(() -> sessions().refresh(second, Fixtures.randomHash(), Fixtures.T0.plusSeconds(3))))
                .as("revoked").isEqualTo(new Refresh.Refused(Optional.empty()));
    }

    @Test
    void thePromptIsReadWithTheCollectionsHoldingItInOneCall() {
        var owner = Fixtures.uniqueUser();
        users().create(owner);
        Prompt prompt = Fixtures.prompt(owner.id(), Fixtures.T0, "question", false);
        prompts().create(prompt, Fixtures.text(prompt));
        assertThat(inOneCall(() -> collections().holding(owner.id(), prompt.id())).orElseThrow().collections())
                .isEmpty();
    }

    @Test
    void addingAPromptToACollectionIsOneCallWhateverTheOutcome() {
        Cast cast = cast(false);
        Collection collection = storedCollection(cast.owner(), true);
        PromptId prompt = cast.prompt().id();
        assertThat(inOneCall(() -> collections().addItem(collection.id(), cast.stranger().id(), prompt,
                Optional.empty(), Fixtures.T0)).orElseThrow().added()).as("not the owner").isFalse();
        assertThat(inOneCall(() -> collections().addItem(collection.id(), cast.owner().id(), prompt, Optional.of(0),
                Fixtures.T0)).orElseThrow().added()).isTrue();
        assertThat(inOneCall(() -> collections().addItem(collection.id(), cast.owner().id(), prompt, Optional.empty(),
                Fixtures.T0)).orElseThrow().added()).as("already in it").isFalse();
        assertThat(inOneCall(() -> collections().addItem(collection.id(), cast.owner().id(), PromptId.random(),
                Optional.empty(), Fixtures.T0))).as("no such prompt").isEmpty();
    }

    @Test
    void deletingACollectionIsOneCallWhateverTheOutcome() {
        User owner = stored(Fixtures.uniqueUser());
        User stranger = stored(Fixtures.uniqueUser());
        Collection collection = storedCollection(owner, true);
        assertThat(inOneCall(() -> collections().delete(collection.id(), stranger.id())).kept()).as("not the owner")
                .contains(collection);
        assertThat(inOneCall(() -> collections().delete(collection.id(), owner.id())).deleted()).isTrue();
        assertThat(inOneCall(() -> collections().delete(collection.id(), owner.id())).kept()).as("gone").isEmpty();
    }

    @Test
    void changingACollectionIsOneCallWhateverTheOutcome() {
        User owner = stored(Fixtures.uniqueUser());
        User stranger = stored(Fixtures.uniqueUser());
        Collection collection = storedCollection(owner, true);
        var revision = new CollectionRepository.Revision(Optional.of(
                CollectionName.parse("renamed")), Optional.empty(),
                Optional.empty(), Fixtures.T0.plusSeconds(1));
        assertThat(inOneCall(() -> collections().revise(collection.id(), stranger.id(), revision)).changed())
                .as("not the owner").isFalse();
        assertThat(inOneCall(() -> collections().revise(collection.id(), owner.id(), revision)).changed()).isTrue();
    }

    @Test
    void reorderingACollectionIsOneCallWhateverTheOutcome() {
        Cast cast = cast(false);
        Prompt second = Fixtures.prompt(cast.owner().id(), Fixtures.T0, "another", true);
        prompts().create(second, Fixtures.text(second));
        Collection collection = storedCollection(cast.owner(), true);
        for (PromptId item : List.of(cast.prompt().id(), second.id())) {
            collections().addItem(collection.id(), cast.owner().id(), item, Optional.empty(), Fixtures.T0);
        }
        var arrange = new CollectionRepository.Reordering.Arrange(List.of(second.id(), cast.prompt().id()));
        assertThat(inOneCall(() -> collections().reorder(collection.id(), cast.stranger().id(), arrange, Fixtures.T0))
                .changed()).as("not the owner").isFalse();
        assertThat(inOneCall(() -> collections().reorder(collection.id(), cast.owner().id(), arrange, Fixtures.T0))
                .changed()).isTrue();
        assertThat(inOneCall(() -> collections().reorder(collection.id(), cast.owner().id(),
                new CollectionRepository.Reordering.Move(second.id(), 0), Fixtures.T0)).changed())
                .as("already there").isFalse();
    }

    @Test
    void removingAPromptFromACollectionIsOneCallWhateverTheOutcome() {
        var owner = Fixtures.uniqueUser();
        var stranger = Fixtures.uniqueUser();
        users().create(owner);
        users().create(stranger);
        Prompt prompt = Fixtures.prompt(owner.id(), Fixtures.T0, "question", false);
        prompts().create(prompt, Fixtures.text(prompt));
        Collection collection = storedCollection(owner, true);
        collections().addItem(collection.id(), owner.id(), prompt.id(), Optional.empty(), Fixtures.T0);
        assertThat(inOneCall(() -> collections().removeItem(collection.id(), stranger.id(), prompt.id(),
                Fixtures.T0)).changed()).as("not the owner").isFalse();
        assertThat(inOneCall(() -> collections().removeItem(collection.id(), owner.id(), prompt.id(),
                Fixtures.T0)).changed()).isTrue();
        assertThat(inOneCall(() -> collections().removeItem(collection.id(), owner.id(), prompt.id(),
                Fixtures.T0)).changed()).as("not in it").isFalse();
    }
}
