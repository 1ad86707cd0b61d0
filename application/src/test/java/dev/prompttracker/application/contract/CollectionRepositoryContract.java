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
    private Collection filled(UserId owner, Instant at, Prompt... prompts) {
        Collection collection = Collection.create(CollectionId.random(), owner, CollectionName.parse("Filled"),
                CollectionDescription.NONE, false, at);
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
        collections().updateItems(v2, ids(theirs));
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
        Collection collection = created(owner, "Three", false, Fixtures.T0);
        Collection v2 = collection.touched(Fixtures.T0.plusSeconds(1));
        collections().updateItems(v2, ids(a, b, c));

        assertThat(collections().removeItem(collection.id(), newOwner(), b.id(), Fixtures.T0.plusSeconds(2)))
                .as("not the owner's").isEqualTo(new CollectionRepository.Revised(false,
                        collections().findWithItems(collection.id())));
        var removed = collections().removeItem(collection.id(), owner, b.id(), Fixtures.T0.plusSeconds(2));
        Collection v3 = v2.touched(Fixtures.T0.plusSeconds(2));
        assertThat(removed).isEqualTo(new CollectionRepository.Revised(true, Optional.of(
                new CollectionRepository.Contents(v3, List.of(new CollectionItem(a.id(), owner, false),
                        new CollectionItem(c.id(), owner, true))))));
        assertThat(collections().removeItem(collection.id(), owner, b.id(), Fixtures.T0.plusSeconds(3)))
                .as("no longer in it").isEqualTo(new CollectionRepository.Revised(false, removed.contents()));
        assertThat(collections().removeItem(CollectionId.random(), owner, a.id(), Fixtures.T0))
                .isEqualTo(new CollectionRepository.Revised(false, Optional.empty()));

        Collection v4 = v3.touched(Fixtures.T0.plusSeconds(4));
        assertThat(collections().updateItems(v4, ids(c, b, a))).as("from the version it left").isTrue();
        assertThat(order(collection.id())).containsExactly(c.id(), b.id(), a.id());
        var page = collections().readPage(collection.id(), Optional.of(owner), PageSize.of(2), Optional.empty())
                .orElseThrow();
        assertThat(collections().readPage(collection.id(), Optional.of(owner), PageSize.of(2), page.next())
                .orElseThrow().prompts()).extracting(summary -> summary.prompt().id()).containsExactly(a.id());
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
        Collection collection = filled(owner, Fixtures.T0, a, b, hidden, c, d);
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
        Collection collection = filled(owner, Fixtures.T0, a, b, hidden, c, d);

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
        Collection collection = filled(owner, Fixtures.T0, prompts.toArray(Prompt[]::new));
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
    default void readsAPromptWithACollectionInOneUnit() {
        UserId owner = newOwner();
        Prompt theirs = stored(newOwner(), "theirs", true);
        Prompt mine = stored(owner, "mine", false);
        Collection collection = created(owner, "Read", false, Fixtures.T0);
        Collection v2 = collection.touched(Fixtures.T0.plusSeconds(1));
        collections().updateItems(v2, ids(theirs));

        var found = collections().findWithItemsAndPrompt(collection.id(), mine.id()).orElseThrow();
        assertThat(found.prompt()).isEqualTo(mine);
        assertThat(found.contents()).isEqualTo(collections().findWithItems(collection.id()));
        assertThat(found.contents().orElseThrow().items()).containsExactly(new CollectionItem(theirs.id(),
                theirs.ownerId(), true));
        assertThat(collections().findWithItemsAndPrompt(CollectionId.random(), mine.id()).orElseThrow().contents())
                .as("no such collection").isEmpty();
        assertThat(collections().findWithItemsAndPrompt(collection.id(), PromptId.random())).as("no such prompt")
                .isEmpty();
    }

    @Test
    default void itemsAreAddedRemovedAndReorderedInOneConditionalWrite() {
        UserId owner = newOwner();
        UserId author = newOwner();
        Prompt mine = stored(owner, "mine", false);
        Prompt theirs = stored(author, "theirs", true);
        Prompt third = stored(owner, "third", true);
        Collection v1 = created(owner, "Mixed", false, Fixtures.T0);

        Collection v2 = v1.touched(Fixtures.T0.plusSeconds(1));
        assertThat(collections().updateItems(v2, ids(mine, theirs, third))).isTrue();
        var contents = collections().findWithItems(v1.id()).orElseThrow();
        assertThat(contents.collection()).isEqualTo(v2);
        assertThat(contents.items()).containsExactly(new CollectionItem(mine.id(), owner, false),
                new CollectionItem(theirs.id(), author, true), new CollectionItem(third.id(), owner, true));

        Collection v3 = v2.touched(Fixtures.T0.plusSeconds(2));
        assertThat(collections().updateItems(v3, ids(third, mine))).isTrue();
        assertThat(order(v1.id())).containsExactly(third.id(), mine.id());
        assertThat(collections().updateItems(v2.touched(Fixtures.T0.plusSeconds(3)), ids(mine)))
                .as("computed from a version that is gone").isFalse();
        assertThat(order(v1.id())).containsExactly(third.id(), mine.id());

        Collection v4 = v3.touched(Fixtures.T0.plusSeconds(4));
        List<PromptId> withUnknown = new ArrayList<>(ids(third, mine));
        withUnknown.add(PromptId.random());
        assertThatThrownBy(() -> collections().updateItems(v4, withUnknown)).isInstanceOf(NotFound.class);
        assertThat(collections().findWithItems(v1.id()).orElseThrow().collection()).as("nothing of it was kept")
                .isEqualTo(v3);
        assertThat(collections().updateItems(v4, ids(mine, theirs, third))).isTrue();
        assertThat(order(v1.id())).containsExactly(mine.id(), theirs.id(), third.id());
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
        Collection collection = created(owner, "Shared", true, Fixtures.T0);
        collections().updateItems(collection.touched(Fixtures.T0), ids(ownPublic, othersPrivate, ownPrivate,
                othersPublic));

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
        Collection collection = created(owner, "Five", false, Fixtures.T0);
        collections().updateItems(collection.touched(Fixtures.T0), prompts.stream().map(Prompt::id).toList());
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
        Collection first = created(owner, "First", false, Fixtures.T0);
        Collection second = created(owner, "Second", false, Fixtures.T0);
        collections().updateItems(first.touched(Fixtures.T0), ids(deleted, kept));
        collections().updateItems(second.touched(Fixtures.T0), ids(deleted));
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
        collections().updateItems(oldest.touched(Fixtures.T0.plusSeconds(10)), ids(prompt));
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
        collections().updateItems(theirs.touched(Fixtures.T0), ids(shared));
        collections().updateItems(own.touched(Fixtures.T0), ids(shared));
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
