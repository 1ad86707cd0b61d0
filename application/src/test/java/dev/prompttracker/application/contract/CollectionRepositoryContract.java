package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionItem;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.collection.ItemCursor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public interface CollectionRepositoryContract {

    CollectionRepository collections();

    PromptRepository prompts();

    ResponseRepository responses();

    UserRepository users();

    private UserId newOwner() {
        var user = Fixtures.uniqueUser();
        users().create(user);
        return user.id();
    }

    private Prompt stored(UserId owner, String content, boolean isPublic) {
        Prompt prompt = Fixtures.prompt(owner, Fixtures.T0, content, isPublic);
        prompts().create(prompt, Fixtures.text(prompt));
        return prompt;
    }

    private Collection created(UserId owner, String name, boolean isPublic, Instant at) {
        Collection collection = Collection.create(CollectionId.random(), owner, CollectionName.parse(name),
                CollectionDescription.parse("About " + name + "\nsecond line"), isPublic, at);
        collections().create(collection, Collection.MAX_PER_OWNER);
        return collection;
    }

    /** A collection of {@code owner}'s holding {@code prompts} in this order, whoever may read them (an import). */
    private Collection filled(UserId owner, boolean isPublic, Instant at, Prompt... prompts) {
        Collection collection = Collection.create(CollectionId.random(), owner, CollectionName.parse("Filled"),
                CollectionDescription.NONE, isPublic, at);
        collections().importCollection(collection, ids(prompts), Collection.MAX_PER_OWNER);
        return collection;
    }

    private static List<CollectionItem> items(Prompt... prompts) {
        return java.util.Arrays.stream(prompts).map(p -> new CollectionItem(p.id(), p.ownerId(), p.isPublic()))
                .toList();
    }

    private static List<PromptId> ids(Prompt... prompts) {
        return java.util.Arrays.stream(prompts).map(Prompt::id).toList();
    }

    /** The ids {@link CollectionRepository#holding} reads, none when the prompt is gone. */
    private List<CollectionId> holding(UserId owner, PromptId prompt) {
        return collections().holding(owner, prompt).map(CollectionRepository.Holding::collections).orElse(List.of());
    }

    private List<PromptId> order(CollectionId id) {
        return collections().findWithItems(id).orElseThrow().items().stream().map(CollectionItem::promptId).toList();
    }

    @Test
    default void importsACollectionWithItsItemsInOneUnit() {
        UserId owner = newOwner();
        Prompt a = stored(owner, "a", false);
        Prompt b = stored(owner, "b", false);
        Prompt theirs = stored(newOwner(), "public", true);
        Instant created = Fixtures.T0.minusSeconds(600);
        Collection collection = new Collection(CollectionId.random(), owner, CollectionName.parse("Imported"),
                CollectionDescription.parse("kept as it was"), true, created, created.plusSeconds(30), 1);
        collections().importCollection(collection, ids(b, theirs, a), Collection.MAX_PER_OWNER);
        assertThat(collections().findWithItems(collection.id()).orElseThrow().collection()).isEqualTo(collection);
        assertThat(order(collection.id())).containsExactlyElementsOf(ids(b, theirs, a));

        assertThatThrownBy(() -> collections().importCollection(collection, ids(a), Collection.MAX_PER_OWNER))
                .isInstanceOf(Conflict.class);
        assertThat(order(collection.id())).containsExactlyElementsOf(ids(b, theirs, a));
        Collection missing = new Collection(CollectionId.random(), owner, CollectionName.parse("Gone"),
                CollectionDescription.NONE, false, created, created, 1);
        assertThatThrownBy(() -> collections().importCollection(missing, List.of(a.id(), PromptId.random()),
                Collection.MAX_PER_OWNER)).isInstanceOf(NotFound.class);
        assertThat(collections().findWithItems(missing.id())).as("nothing of it was written").isEmpty();
        assertThatThrownBy(() -> collections().importCollection(missing, List.of(), 1))
                .as("the owner already has one").isInstanceOf(Conflict.class);
    }

    @Test
    default void readsBackACreatedCollectionWithoutItems() {
        Collection collection = created(newOwner(), "Favourites", false, Fixtures.T0);
        var contents = collections().findWithItems(collection.id()).orElseThrow();
        assertThat(contents.collection()).isEqualTo(collection);
        assertThat(contents.items()).isEmpty();
        assertThat(collections().findWithItems(CollectionId.random())).isEmpty();
        assertThat(collections().readPage(CollectionId.random(), Optional.empty(), PageSize.of(10), Optional.empty()))
                .isEmpty();
    }

    @Test
    default void anOwnerKeepsAtMostTheGivenNumberOfCollections() {
        UserId owner = newOwner();
        for (int i = 0; i < 2; i++) {
            collections().create(Collection.create(CollectionId.random(), owner, CollectionName.parse("c" + i),
                    CollectionDescription.NONE, false, Fixtures.T0), 2);
        }
        assertThatThrownBy(() -> collections().create(Collection.create(CollectionId.random(), owner,
                CollectionName.parse("one too many"), CollectionDescription.NONE, false, Fixtures.T0), 2))
                .isInstanceOf(Conflict.class);
        collections().create(Collection.create(CollectionId.random(), newOwner(), CollectionName.parse("other"),
                CollectionDescription.NONE, false, Fixtures.T0), 2);
        assertThat(collections().listByOwner(owner, PageRequest.first(10)).items()).hasSize(2);
    }

    @Test
    default void revisesOnlyTheOwnersCollectionKeepingWhatTheRevisionLeavesEmpty() {
        UserId owner = newOwner();
        Prompt theirs = stored(newOwner(), "theirs", true);
        Collection collection = created(owner, "Drafts", false, Fixtures.T0);
        Collection v2 = collection.touched(Fixtures.T0.plusSeconds(10));
        collections().addItem(collection.id(), owner, theirs.id(), Optional.empty(), Fixtures.T0.plusSeconds(10));
        var revision = new CollectionRepository.Revision(Optional.of(CollectionName.parse("Published")),
                Optional.empty(), Optional.of(true), Fixtures.T0.plusSeconds(5));

        var revised = collections().revise(collection.id(), owner, revision);

        Collection expected = revision.applyTo(v2);
        assertThat(expected.updatedAt()).as("never back in time").isEqualTo(v2.updatedAt());
        assertThat(expected.version()).isEqualTo(3);
        assertThat(revised).isEqualTo(new CollectionRepository.Revised(true,
                Optional.of(new CollectionRepository.Contents(expected, List.of(new CollectionItem(theirs.id(),
                        theirs.ownerId(), true))))));
        assertThat(collections().findWithItems(collection.id()).orElseThrow().collection()).isEqualTo(expected);

        var later = new CollectionRepository.Revision(Optional.empty(), Optional.of(CollectionDescription.NONE),
                Optional.empty(), Fixtures.T0.plusSeconds(20));
        assertThat(collections().revise(collection.id(), owner, later).contents().orElseThrow().collection())
                .isEqualTo(later.applyTo(expected));
        assertThat(collections().revise(collection.id(), newOwner(), revision)).as("not the owner's")
                .isEqualTo(new CollectionRepository.Revised(false, collections().findWithItems(collection.id())));
        assertThat(collections().revise(CollectionId.random(), owner, revision))
                .isEqualTo(new CollectionRepository.Revised(false, Optional.empty()));
    }

    @Test
    default void removesAnItemOnlyFromTheOwnersCollectionKeepingTheOrder() {
        UserId owner = newOwner();
        Prompt a = stored(owner, "a", false);
        Prompt b = stored(newOwner(), "b", true);
        Prompt c = stored(owner, "c", true);
        Collection collection = filled(owner, false, Fixtures.T0, a, b, c);

        assertThat(collections().removeItem(collection.id(), newOwner(), b.id(), Fixtures.T0.plusSeconds(2)))
                .as("not the owner's").isEqualTo(new CollectionRepository.Revised(false,
                        collections().findWithItems(collection.id())));
        var removed = collections().removeItem(collection.id(), owner, b.id(), Fixtures.T0.plusSeconds(2));
        Collection v2 = collection.touched(Fixtures.T0.plusSeconds(2));
        assertThat(removed).isEqualTo(new CollectionRepository.Revised(true, Optional.of(
                new CollectionRepository.Contents(v2, List.of(new CollectionItem(a.id(), owner, false),
                        new CollectionItem(c.id(), owner, true))))));
        assertThat(collections().removeItem(collection.id(), owner, b.id(), Fixtures.T0.plusSeconds(3)))
                .as("no longer in it").isEqualTo(new CollectionRepository.Revised(false, removed.contents()));
        assertThat(collections().removeItem(CollectionId.random(), owner, a.id(), Fixtures.T0))
                .isEqualTo(new CollectionRepository.Revised(false, Optional.empty()));

        // Back between the two, where the removal left a gap in the positions.
        assertThat(collections().addItem(collection.id(), owner, b.id(), Optional.of(1), Fixtures.T0.plusSeconds(4))
                .orElseThrow().added()).isTrue();
        assertThat(order(collection.id())).containsExactly(a.id(), b.id(), c.id());
        var page = collections().readPage(collection.id(), Optional.of(owner), PageSize.of(2), Optional.empty())
                .orElseThrow();
        assertThat(collections().readPage(collection.id(), Optional.of(owner), PageSize.of(2), page.next())
                .orElseThrow().prompts()).extracting(summary -> summary.prompt().id()).containsExactly(c.id());
    }

    @Test
    default void reordersOnlyTheOwnersCollectionOverThePromptsTheOwnerSees() {
        UserId owner = newOwner();
        UserId author = newOwner();
        Prompt a = stored(owner, "a", false);
        Prompt b = stored(author, "b", true);
        Prompt hidden = stored(author, "hidden", false);
        Prompt c = stored(owner, "c", true);
        Prompt d = stored(owner, "d", false);
        Collection collection = filled(owner, false, Fixtures.T0, a, b, hidden, c, d);
        var arrange = new CollectionRepository.Reordering.Arrange(List.of(d.id(), hidden.id(), c.id(), PromptId.random(),
                a.id(), b.id()));

        assertThat(collections().reorder(collection.id(), author, arrange, Fixtures.T0.plusSeconds(1)))
                .as("not the owner's").isEqualTo(new CollectionRepository.Revised(false,
                        collections().findWithItems(collection.id())));
        var arranged = collections().reorder(collection.id(), owner, arrange, Fixtures.T0.plusSeconds(1));

        Collection v2 = collection.touched(Fixtures.T0.plusSeconds(1));
        assertThat(arranged).as("the prompt the owner does not see kept its place; unknown ids are ignored")
                .isEqualTo(new CollectionRepository.Revised(true, Optional.of(new CollectionRepository.Contents(v2,
                        items(d, c, hidden, a, b)))));
        assertThat(collections().reorder(collection.id(), owner, arrange, Fixtures.T0.plusSeconds(2)))
                .as("the same order changes nothing").isEqualTo(new CollectionRepository.Revised(false,
                        arranged.contents()));
        assertThat(collections().reorder(CollectionId.random(), owner, arrange, Fixtures.T0))
                .isEqualTo(new CollectionRepository.Revised(false, Optional.empty()));
    }

    @Test
    default void movesAnItemAmongThePromptsTheOwnerSees() {
        UserId owner = newOwner();
        UserId author = newOwner();
        Prompt a = stored(owner, "a", false);
        Prompt b = stored(author, "b", true);
        Prompt hidden = stored(author, "hidden", false);
        Prompt c = stored(owner, "c", true);
        Prompt d = stored(owner, "d", false);
        Collection collection = filled(owner, false, Fixtures.T0, a, b, hidden, c, d);

        var first = collections().reorder(collection.id(), owner, new CollectionRepository.Reordering.Move(d.id(), 0),
                Fixtures.T0.plusSeconds(1));
        Collection v2 = collection.touched(Fixtures.T0.plusSeconds(1));
        assertThat(first).isEqualTo(new CollectionRepository.Revised(true, Optional.of(
                new CollectionRepository.Contents(v2, items(d, a, hidden, b, c)))));
        assertThat(collections().reorder(collection.id(), owner, new CollectionRepository.Reordering.Move(a.id(), 99),
                Fixtures.T0.plusSeconds(2)).contents().orElseThrow().items()).as("past the end is last")
                .isEqualTo(items(d, b, hidden, c, a));
        Collection v3 = v2.touched(Fixtures.T0.plusSeconds(2));
        var unchanged = new CollectionRepository.Revised(false, Optional.of(new CollectionRepository.Contents(v3,
                items(d, b, hidden, c, a))));
        assertThat(collections().reorder(collection.id(), owner, new CollectionRepository.Reordering.Move(hidden.id(),
                0), Fixtures.T0.plusSeconds(3))).as("a prompt the owner does not see").isEqualTo(unchanged);
        assertThat(collections().reorder(collection.id(), owner, new CollectionRepository.Reordering.Move(b.id(), 1),
                Fixtures.T0.plusSeconds(3))).as("already there").isEqualTo(unchanged);
        assertThat(collections().reorder(collection.id(), author, new CollectionRepository.Reordering.Move(b.id(), 0),
                Fixtures.T0.plusSeconds(3))).as("not the owner's").isEqualTo(unchanged);

        // A removal leaves a gap in the positions; the next order is computed on the order alone.
        collections().removeItem(collection.id(), owner, b.id(), Fixtures.T0.plusSeconds(4));
        collections().reorder(collection.id(), owner, new CollectionRepository.Reordering.Move(a.id(), 0),
                Fixtures.T0.plusSeconds(5));
        assertThat(order(collection.id())).containsExactly(a.id(), hidden.id(), d.id(), c.id());
        var page = collections().readPage(collection.id(), Optional.of(author), PageSize.of(1), Optional.empty())
                .orElseThrow();
        assertThat(collections().readPage(collection.id(), Optional.of(author), PageSize.of(5), page.next())
                .orElseThrow().prompts()).extracting(summary -> summary.prompt().id()).containsExactly(c.id());
    }

    @Test
    default void anOrderComputedByTheStoreIsTheOneTheDomainRulesGive() {
        UserId owner = newOwner();
        UserId author = newOwner();
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            prompts.add(i % 5 == 2 ? stored(author, "hidden " + i, false) : i % 3 == 0 ? stored(author, "public " + i,
                    true) : stored(owner, "own " + i, i % 2 == 0));
        }
        Collection collection = filled(owner, false, Fixtures.T0, prompts.toArray(Prompt[]::new));
        List<PromptId> expected = ids(prompts.toArray(Prompt[]::new));
        List<PromptId> seen = prompts.stream().filter(p -> p.isReadableBy(Optional.of(owner))).map(Prompt::id).toList();
        java.util.Random random = new java.util.Random(20261204);
        for (int step = 0; step < 12; step++) {
            List<PromptId> visible = expected.stream().filter(seen::contains).toList();
            CollectionRepository.Reordering reordering;
            if (step % 2 == 0) {
                List<PromptId> shuffled = new ArrayList<>(expected);
                java.util.Collections.shuffle(shuffled, random);
                List<PromptId> named = shuffled.subList(0, 3 + random.nextInt(shuffled.size() - 3));
                reordering = new CollectionRepository.Reordering.Arrange(named);
                expected = dev.prompttracker.domain.collection.CollectionOrder.arrange(expected,
                        named.stream().filter(seen::contains).toList());
            } else {
                PromptId moved = visible.get(random.nextInt(visible.size()));
                int position = random.nextInt(visible.size() + 2);
                reordering = new CollectionRepository.Reordering.Move(moved, position);
                expected = dev.prompttracker.domain.collection.CollectionOrder.move(expected, visible, moved, position);
            }
            collections().reorder(collection.id(), owner, reordering, Fixtures.T0.plusSeconds(step + 1));
            assertThat(order(collection.id())).as("after %s", reordering).containsExactlyElementsOf(expected);
        }
    }

    @Test
    default void addsAPromptOnlyWhereTheRulesAllowIt() {
        UserId owner = newOwner();
        UserId author = newOwner();
        Prompt mine = stored(owner, "mine", false);
        Prompt theirs = stored(author, "theirs", true);
        Prompt hidden = stored(author, "hidden", false);
        Collection v1 = created(owner, "Mixed", false, Fixtures.T0);

        var first = collections().addItem(v1.id(), owner, mine.id(), Optional.empty(), Fixtures.T0.plusSeconds(1));
        Collection v2 = v1.touched(Fixtures.T0.plusSeconds(1));
        assertThat(first).contains(new CollectionRepository.Addition(mine, true, Optional.of(
                new CollectionRepository.Contents(v2, items(mine)))));
        var second = collections().addItem(v1.id(), owner, theirs.id(), Optional.empty(), Fixtures.T0.plusSeconds(2));
        Collection v3 = v2.touched(Fixtures.T0.plusSeconds(2));
        assertThat(second).as("a public prompt of someone else's").contains(new CollectionRepository.Addition(theirs,
                true, Optional.of(new CollectionRepository.Contents(v3, items(mine, theirs)))));

        Instant later = Fixtures.T0.plusSeconds(3);
        assertThat(collections().addItem(v1.id(), owner, theirs.id(), Optional.of(0), later)).as("already in it")
                .contains(new CollectionRepository.Addition(theirs, false, second.orElseThrow().contents()));
        assertThat(collections().addItem(v1.id(), owner, hidden.id(), Optional.empty(), later))
                .as("a prompt the owner may not read").contains(new CollectionRepository.Addition(hidden, false,
                        second.orElseThrow().contents()));
        assertThat(collections().addItem(v1.id(), author, theirs.id(), Optional.empty(), later)).as("not the owner's")
                .contains(new CollectionRepository.Addition(theirs, false, second.orElseThrow().contents()));
        assertThat(collections().addItem(CollectionId.random(), owner, mine.id(), Optional.empty(), later))
                .contains(new CollectionRepository.Addition(mine, false, Optional.empty()));
        assertThat(collections().addItem(v1.id(), owner, PromptId.random(), Optional.empty(), later))
                .as("no such prompt").isEmpty();
        assertThat(collections().findWithItems(v1.id()).orElseThrow().collection()).isEqualTo(v3);
    }

    @Test
    default void anAddedPromptTakesItsPlaceAmongThePromptsTheOwnerSees() {
        UserId owner = newOwner();
        UserId author = newOwner();
        Prompt a = stored(owner, "a", false);
        Prompt hidden = stored(author, "hidden", false);
        Prompt b = stored(author, "b", true);
        Prompt c = stored(owner, "c", true);
        Prompt d = stored(owner, "d", false);
        Prompt e = stored(owner, "e", false);
        Collection collection = filled(owner, false, Fixtures.T0, a, hidden, b);

        assertThat(collections().addItem(collection.id(), owner, c.id(), Optional.of(1), Fixtures.T0.plusSeconds(1))
                .orElseThrow().contents().orElseThrow().items()).as("second of what the owner sees")
                .isEqualTo(items(a, hidden, c, b));
        collections().addItem(collection.id(), owner, d.id(), Optional.of(0), Fixtures.T0.plusSeconds(2));
        assertThat(order(collection.id())).as("the hidden prompt keeps its place")
                .containsExactlyElementsOf(ids(d, hidden, a, c, b));
        collections().addItem(collection.id(), owner, e.id(), Optional.of(99), Fixtures.T0.plusSeconds(3));
        assertThat(order(collection.id())).as("past the end is last")
                .containsExactlyElementsOf(ids(d, hidden, a, c, b, e));
        assertThat(collections().findWithItems(collection.id()).orElseThrow().collection().version()).isEqualTo(4);
    }

    @Test
    default void aFullCollectionTakesNoMorePrompts() {
        UserId owner = newOwner();
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i <= Collection.MAX_PROMPTS; i++) {
            prompts.add(stored(owner, "p" + i, false));
        }
        Prompt last = prompts.removeLast();
        Collection full = filled(owner, false, Fixtures.T0, prompts.toArray(Prompt[]::new));

        var refused = collections().addItem(full.id(), owner, last.id(), Optional.of(0), Fixtures.T0.plusSeconds(1))
                .orElseThrow();
        assertThat(refused.added()).isFalse();
        assertThat(refused.contents().orElseThrow().collection()).isEqualTo(full);
        assertThat(refused.contents().orElseThrow().items()).hasSize(Collection.MAX_PROMPTS);
        collections().removeItem(full.id(), owner, prompts.getFirst().id(), Fixtures.T0.plusSeconds(2));
        assertThat(collections().addItem(full.id(), owner, last.id(), Optional.empty(), Fixtures.T0.plusSeconds(3))
                .orElseThrow().added()).as("room again").isTrue();
    }

    @Test
    default void concurrentAdditionsToOneCollectionAllLand() throws Exception {
        UserId owner = newOwner();
        Collection collection = created(owner, "Busy", false, Fixtures.T0);
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            prompts.add(stored(owner, "p" + i, false));
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(prompts.size())) {
            List<java.util.concurrent.Future<Boolean>> added = prompts.stream().map(prompt -> pool.submit(() -> {
                start.await();
                return collections().addItem(collection.id(), owner, prompt.id(), Optional.of(0),
                        Fixtures.T0.plusSeconds(1)).orElseThrow().added();
            })).toList();
            start.countDown();
            for (var result : added) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(order(collection.id())).containsExactlyInAnyOrderElementsOf(ids(prompts.toArray(Prompt[]::new)));
        assertThat(collections().findWithItems(collection.id()).orElseThrow().collection().version())
                .isEqualTo(1 + prompts.size());
    }

    @Test
    default void aReaderSeesOnlyThePromptsTheyMayReadPageByPageInOrder() {
        UserId owner = newOwner();
        UserId author = newOwner();
        Prompt ownPrivate = stored(owner, "own private", false);
        Prompt othersPublic = stored(author, "others public", true);
        Prompt othersPrivate = stored(author, "others private", false);
        Prompt ownPublic = stored(owner, "own public", true);
        dev.prompttracker.domain.prompt.Response answer = Fixtures.response(ownPublic.id(), Fixtures.T0, "m", "an answer");
        responses().create(answer, Fixtures.text(answer));
        Collection collection = filled(owner, true, Fixtures.T0, ownPublic, othersPrivate, ownPrivate, othersPublic);

        var forOwner = collections().readPage(collection.id(), Optional.of(owner), PageSize.of(2), Optional.empty())
                .orElseThrow();
        assertThat(forOwner.promptCount()).isEqualTo(3);
        assertThat(forOwner.prompts()).extracting(s -> s.prompt().id()).containsExactly(ownPublic.id(), ownPrivate.id());
        assertThat(forOwner.prompts().getFirst().responseCount()).isEqualTo(1);
        assertThat(forOwner.prompts().getFirst().prompt()).isEqualTo(ownPublic);
        var rest = collections().readPage(collection.id(), Optional.of(owner), PageSize.of(2), forOwner.next())
                .orElseThrow();
        assertThat(rest.prompts()).extracting(s -> s.prompt().id()).containsExactly(othersPublic.id());
        assertThat(rest.next()).isEmpty();

        var forAnyone = collections().readPage(collection.id(), Optional.empty(), PageSize.of(10), Optional.empty())
                .orElseThrow();
        assertThat(forAnyone.promptCount()).isEqualTo(2);
        assertThat(forAnyone.prompts()).extracting(s -> s.prompt().id()).containsExactly(ownPublic.id(),
                othersPublic.id());
        assertThat(forAnyone.next()).isEmpty();
        var forAuthor = collections().readPage(collection.id(), Optional.of(author), PageSize.of(10), Optional.empty())
                .orElseThrow();
        assertThat(forAuthor.prompts()).extracting(s -> s.prompt().id()).containsExactly(ownPublic.id(),
                othersPrivate.id(), othersPublic.id());
        assertThat(collections().listByOwner(owner, PageRequest.first(10)).items().getFirst().promptCount())
                .as("the owner's count leaves out prompts the owner may not read").isEqualTo(3);
    }

    @Test
    default void aPageTokenFromOneOrderStillReadsOnAfterTheSameItem() {
        UserId owner = newOwner();
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            prompts.add(stored(owner, "p" + i, false));
        }
        Collection collection = filled(owner, false, Fixtures.T0, prompts.toArray(Prompt[]::new));
        List<PromptId> seen = new ArrayList<>();
        Optional<ItemCursor> after = Optional.empty();
        do {
            var page = collections().readPage(collection.id(), Optional.of(owner), PageSize.of(2), after).orElseThrow();
            page.prompts().forEach(s -> seen.add(s.prompt().id()));
            after = page.next();
        } while (after.isPresent());
        assertThat(seen).containsExactlyElementsOf(prompts.stream().map(Prompt::id).toList());
    }

    @Test
    default void deletingAPromptTakesItOutOfEveryCollectionAndDeletingACollectionKeepsItsPrompts() {
        UserId owner = newOwner();
        Prompt kept = stored(owner, "kept", false);
        Prompt deleted = stored(owner, "deleted", false);
        Collection first = filled(owner, false, Fixtures.T0, deleted, kept);
        Collection second = filled(owner, false, Fixtures.T0, deleted);
        assertThat(holding(owner, deleted.id())).containsExactlyInAnyOrder(first.id(), second.id());

        prompts().delete(deleted.id(), owner);
        assertThat(order(first.id())).containsExactly(kept.id());
        assertThat(order(second.id())).isEmpty();
        assertThat(holding(owner, deleted.id())).isEmpty();

        UserId stranger = newOwner();
        assertThat(collections().delete(first.id(), stranger)).as("not the owner's")
                .isEqualTo(new CollectionRepository.Deletion(false, collections().findWithItems(first.id())
                        .map(CollectionRepository.Contents::collection)));
        assertThat(order(first.id())).as("kept with its items").containsExactly(kept.id());
        assertThat(collections().delete(first.id(), owner)).isEqualTo(new CollectionRepository.Deletion(true,
                Optional.empty()));
        assertThat(collections().delete(first.id(), owner)).isEqualTo(new CollectionRepository.Deletion(false,
                Optional.empty()));
        assertThat(collections().findWithItems(first.id())).isEmpty();
        assertThat(prompts().findById(kept.id())).isPresent();
        assertThat(holding(owner, kept.id())).isEmpty();
        prompts().delete(kept.id(), owner);
    }

    @Test
    default void listsAnOwnersCollectionsNewestUpdateFirstPageByPage() {
        UserId owner = newOwner();
        Collection oldest = created(owner, "Oldest", false, Fixtures.T0);
        Collection middle = created(owner, "Middle", true, Fixtures.T0.plusSeconds(1));
        Collection newest = created(owner, "Newest", false, Fixtures.T0.plusSeconds(2));
        created(newOwner(), "Someone else's", true, Fixtures.T0.plusSeconds(3));
        Page<CollectionSummary> first = collections().listByOwner(owner, PageRequest.first(2));
        assertThat(first.items()).extracting(CollectionSummary::collection).containsExactly(newest, middle);
        assertThat(first.items()).extracting(CollectionSummary::promptCount).containsExactly(0, 0);
        Page<CollectionSummary> rest = collections().listByOwner(owner, new PageRequest(PageSize.of(2), first.next()));
        assertThat(rest.items()).extracting(CollectionSummary::collection).containsExactly(oldest);
        assertThat(rest.next()).isEmpty();

        Prompt prompt = stored(owner, "in the oldest", false);
        collections().addItem(oldest.id(), owner, prompt.id(), Optional.empty(), Fixtures.T0.plusSeconds(10));
        assertThat(collections().listByOwner(owner, PageRequest.first(1)).items().getFirst())
                .satisfies(summary -> {
                    assertThat(summary.collection().id()).isEqualTo(oldest.id());
                    assertThat(summary.promptCount()).isEqualTo(1);
                });
        assertThat(holding(owner, prompt.id())).containsExactly(oldest.id());
    }

    @Test
    default void aPromptCanBeInSeveralCollectionsOfDifferentOwners() {
        UserId author = newOwner();
        Prompt shared = stored(author, "shared", true);
        UserId reader = newOwner();
        Collection theirs = created(reader, "Reading list", false, Fixtures.T0);
        Collection own = created(author, "My best", true, Fixtures.T0);
        collections().addItem(theirs.id(), reader, shared.id(), Optional.empty(), Fixtures.T0);
        collections().addItem(own.id(), author, shared.id(), Optional.empty(), Fixtures.T0);
        assertThat(holding(reader, shared.id())).containsExactly(theirs.id());
        assertThat(holding(author, shared.id())).containsExactly(own.id());
        assertThat(collections().holding(reader, shared.id())).as("read with the prompt")
                .contains(new CollectionRepository.Holding(shared, List.of(theirs.id())));
        assertThat(collections().holding(newOwner(), shared.id())).contains(new CollectionRepository.Holding(shared,
                List.of()));
        assertThat(collections().holding(reader, PromptId.random())).as("no such prompt").isEmpty();
        List<PromptSummary> page = collections().readPage(theirs.id(), Optional.of(reader), PageSize.of(5),
                Optional.empty()).orElseThrow().prompts();
        assertThat(page).extracting(s -> s.prompt().id()).containsExactly(shared.id());
    }
}
