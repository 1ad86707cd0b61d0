package dev.prompttracker.application.service;

import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.AddPromptToCollectionCommand;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.CollectionContents;
import dev.prompttracker.application.port.in.CreateCollectionCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.DeleteCollectionCommand;
import dev.prompttracker.application.port.in.DeletePromptCommand;
import dev.prompttracker.application.port.in.GetCollectionQuery;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.ListCollectionsQuery;
import dev.prompttracker.application.port.in.ListPromptCollectionsQuery;
import dev.prompttracker.application.port.in.RemovePromptFromCollectionCommand;
import dev.prompttracker.application.port.in.ReorderCollectionCommand;
import dev.prompttracker.application.port.in.UpdateCollectionCommand;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.Unauthenticated;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Collections through the real services: who sees and changes what, the order, the limits. */
class CollectionScenarioTest {
    private final CoreFixture core = new CoreFixture();
    private final Actor.SignedIn ada = core.actor(core.register("ada"));
    private final Actor.SignedIn bob = core.actor(core.register("bob"));

    private String prompt(Actor.SignedIn owner, String content, boolean isPublic) {
        return core.app.createPrompt().createPrompt(new CreatePromptCommand(owner, "", content, isPublic, List.of()))
                .prompt().id().value();
    }

    private String collection(Actor.SignedIn owner, String name, boolean isPublic) {
        core.clock.advance(Duration.ofMillis(5));
        return core.app.createCollection().createCollection(new CreateCollectionCommand(owner, name, "", isPublic))
                .collection().id().value();
    }

    private CollectionSummary add(Actor.SignedIn actor, String collection, String prompt, Integer position) {
        core.clock.advance(Duration.ofMillis(5));
        return core.app.addPromptToCollection().addPromptToCollection(new AddPromptToCollectionCommand(actor,
                collection, prompt, Optional.ofNullable(position), ClientInfo.UNKNOWN));
    }

    private CollectionContents read(Actor actor, String collection) {
        return core.app.getCollection().getCollection(new GetCollectionQuery(actor, collection, 100, "",
                new ClientInfo("JUnit", "192.0.2.1")));
    }

    private static List<String> ids(CollectionContents contents) {
        return contents.prompts().stream().map(s -> s.prompt().id().value()).toList();
    }

    @Test
    void anOwnerCollectsOrdersAndSharesPromptsAndAPublicCollectionNeverShowsAPrivatePrompt() {
        String own = prompt(ada, "own private", false);
        String ownPublic = prompt(ada, "own public", true);
        String bobs = prompt(bob, "bob's public", true);
        String id = collection(ada, "Best of", false);

        add(ada, id, own, null);
        add(ada, id, bobs, null);
        CollectionSummary added = add(ada, id, ownPublic, 0);
        assertThat(added.promptCount()).isEqualTo(3);
        assertThat(add(ada, id, bobs, 0).promptCount()).as("adding again changes nothing").isEqualTo(3);
        assertThat(ids(read(ada, id))).containsExactly(ownPublic, own, bobs);
        assertThatThrownBy(() -> read(Actor.ANONYMOUS, id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> read(bob, id)).isInstanceOf(NotFound.class);

        core.app.updateCollection().updateCollection(new UpdateCollectionCommand(ada, id, Optional.empty(),
                Optional.of("Prompts I like"), Optional.of(true)));
        CollectionContents seenByAnyone = read(Actor.ANONYMOUS, id);
        assertThat(ids(seenByAnyone)).containsExactly(ownPublic, bobs);
        assertThat(seenByAnyone.summary().promptCount()).isEqualTo(2);
        assertThat(seenByAnyone.summary().collection().description().value()).isEqualTo("Prompts I like");

        // Bob makes his prompt private: it stays in Ada's collection, hidden from everyone but Bob.
        core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(bob, bobs, Optional.empty(), Optional.empty(),
                Optional.of(false), Optional.empty()));
        assertThat(ids(read(Actor.ANONYMOUS, id))).containsExactly(ownPublic);
        assertThat(ids(read(ada, id))).containsExactly(ownPublic, own);
        assertThat(ids(read(bob, id))).containsExactly(ownPublic, bobs);

        core.app.reorderCollection().reorderCollection(new ReorderCollectionCommand(ada, id, List.of(own, ownPublic),
                Optional.empty()));
        assertThat(ids(read(bob, id))).as("the prompt hidden from Ada kept its place, last").containsExactly(ownPublic, bobs);
        assertThat(ids(read(ada, id))).containsExactly(own, ownPublic);
        core.app.reorderCollection().reorderCollection(new ReorderCollectionCommand(ada, id, List.of(),
                Optional.of(new ReorderCollectionCommand.Move(own, 1))));
        assertThat(ids(read(ada, id))).containsExactly(ownPublic, own);
    }

    @Test
    void onlyTheOwnerChangesACollectionAndOneCollectsOnlyWhatOneMayRead() {
        String id = collection(ada, "Ada's", true);
        String bobsPrivate = prompt(bob, "secret", false);
        String adas = prompt(ada, "mine", false);
        assertThatThrownBy(() -> add(ada, id, bobsPrivate, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> add(bob, id, prompt(bob, "public", true), null)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> core.app.deleteCollection().deleteCollection(new DeleteCollectionCommand(bob, id)))
                .isInstanceOf(Forbidden.class);
        String adasPrivateCollection = collection(ada, "Private", false);
        assertThatThrownBy(() -> core.app.updateCollection().updateCollection(new UpdateCollectionCommand(bob,
                adasPrivateCollection, Optional.of("mine now"), Optional.empty(), Optional.empty())))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> core.app.createCollection().createCollection(new CreateCollectionCommand(
                Actor.ANONYMOUS, "x", "", false))).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> read(ada, "not-an-id")).isInstanceOf(NotFound.class);

        add(ada, id, adas, null);
        assertThat(core.app.listPromptCollections().listPromptCollections(new ListPromptCollectionsQuery(ada, adas)))
                .extracting(c -> c.value()).containsExactly(id);
        assertThatThrownBy(() -> core.app.listPromptCollections().listPromptCollections(
                new ListPromptCollectionsQuery(bob, adas))).isInstanceOf(NotFound.class);
        assertThat(core.app.removePromptFromCollection().removePromptFromCollection(
                new RemovePromptFromCollectionCommand(ada, id, adas)).promptCount()).isZero();
        assertThat(core.app.removePromptFromCollection().removePromptFromCollection(
                new RemovePromptFromCollectionCommand(ada, id, adas)).promptCount()).as("idempotent").isZero();
    }

    @Test
    void deletingAPromptEmptiesItsPlacesAndDeletingACollectionKeepsItsPrompts() {
        String kept = prompt(ada, "kept", false);
        String gone = prompt(ada, "gone", false);
        String first = collection(ada, "First", false);
        String second = collection(ada, "Second", false);
        add(ada, first, kept, null);
        add(ada, first, gone, null);
        add(ada, second, gone, null);
        core.app.deletePrompt().deletePrompt(new DeletePromptCommand(ada, gone));
        assertThat(ids(read(ada, first))).containsExactly(kept);
        assertThat(read(ada, second).summary().promptCount()).isZero();

        core.app.deleteCollection().deleteCollection(new DeleteCollectionCommand(ada, first));
        assertThatThrownBy(() -> read(ada, first)).isInstanceOf(NotFound.class);
        assertThat(core.app.getPrompt().getPrompt(new GetPromptQuery(ada, kept)).prompt().id().value()).isEqualTo(kept);
        assertThat(core.app.listCollections().listCollections(new ListCollectionsQuery(ada, 10, "")).items())
                .extracting(s -> s.collection().id().value()).containsExactly(second);
    }

    @Test
    void inputIsCheckedFieldByFieldAndTheLimitsHold() {
        assertThatThrownBy(() -> core.app.createCollection().createCollection(new CreateCollectionCommand(ada, " ",
                "d".repeat(2001), false))).isInstanceOfSatisfying(Invalid.class, invalid ->
                assertThat(invalid.fieldErrors()).extracting(e -> e.field()).containsExactly("name", "description"));
        String id = collection(ada, "Limits", false);
        String p = prompt(ada, "p", false);
        assertThatThrownBy(() -> add(ada, id, p, -1)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> core.app.reorderCollection().reorderCollection(new ReorderCollectionCommand(ada, id,
                List.of(), Optional.empty()))).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> core.app.reorderCollection().reorderCollection(new ReorderCollectionCommand(ada, id,
                List.of("nope"), Optional.empty()))).isInstanceOf(Invalid.class).hasMessageContaining("promptIds");
        assertThatThrownBy(() -> core.app.getCollection().getCollection(new GetCollectionQuery(ada, id, 10, "bogus",
                ClientInfo.UNKNOWN))).isInstanceOf(Invalid.class).hasMessageContaining("pageToken");

        for (int i = 1; i < Collection.MAX_PER_OWNER; i++) {
            collection(ada, "c" + i, false);
        }
        assertThatThrownBy(() -> collection(ada, "one too many", false)).isInstanceOf(Conflict.class)
                .hasMessageContaining("200");

        String full = collection(bob, "Full", false);
        List<String> prompts = IntStream.range(0, Collection.MAX_PROMPTS).mapToObj(i -> prompt(bob, "p" + i, false))
                .toList();
        prompts.forEach(prompt -> add(bob, full, prompt, null));
        assertThat(read(bob, full).summary().promptCount()).isEqualTo(Collection.MAX_PROMPTS);
        assertThatThrownBy(() -> add(bob, full, prompt(bob, "one more", false), null)).isInstanceOf(Conflict.class)
                .hasMessageContaining("500");
        CollectionContents firstPage = core.app.getCollection().getCollection(new GetCollectionQuery(bob, full, 0, "",
                ClientInfo.UNKNOWN));
        assertThat(firstPage.prompts()).hasSize(20);
        CollectionContents secondPage = core.app.getCollection().getCollection(new GetCollectionQuery(bob, full, 100,
                firstPage.nextPageToken(), ClientInfo.UNKNOWN));
        assertThat(secondPage.prompts().getFirst().prompt().id().value()).isEqualTo(prompts.get(20));
    }

    @Test
    void writesCountAgainstTheWriterAndAnonymousReadsAgainstTheirAddress() {
        CoreFixture limited = new CoreFixture(RateLimits.generous()
                .withAnonymousReadsPerIp(new RateLimiter.Limit(2, Duration.ofMinutes(1))));
        Actor.SignedIn owner = limited.actor(limited.register("carol"));
        String id = limited.app.createCollection().createCollection(new CreateCollectionCommand(owner, "Open", "",
                true)).collection().id().value();
        GetCollectionQuery anonymous = new GetCollectionQuery(Actor.ANONYMOUS, id, 10, "",
                new ClientInfo("JUnit", "198.51.100.7"));
        limited.app.getCollection().getCollection(anonymous);
        limited.app.getCollection().getCollection(anonymous);
        assertThatThrownBy(() -> limited.app.getCollection().getCollection(anonymous)).isInstanceOf(RateLimited.class);
        assertThat(limited.app.getCollection().getCollection(new GetCollectionQuery(owner, id, 10, "",
                new ClientInfo("JUnit", "198.51.100.7"))).summary().collection().name().value()).isEqualTo("Open");
    }
}
