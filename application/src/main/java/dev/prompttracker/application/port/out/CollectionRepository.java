package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionItem;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.domain.collection.CollectionOrder;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.collection.ItemCursor;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Collections of prompts and their ordered items. Deleting a prompt (through the
 * {@link PromptRepository}) takes it out of every collection in the same unit; deleting a collection
 * never deletes a prompt. A change of a collection checks who may make it and computes what it changes in
 * the unit that writes it, so no other change comes between what it read and what it wrote.
 */
public interface CollectionRepository {

    /** Stores a new collection, unless its owner already owns {@code maxPerOwner}: then {@code Conflict}. */
    void create(Collection collection, int maxPerOwner);

    /**
     * Stores a new collection with {@code order} (prompt ids, first to last) as its items, added at its
     * {@code updatedAt}, as one unit (an import). {@code Conflict} when the id exists or its owner already
     * owns {@code maxPerOwner}; {@code NotFound} when a prompt does not exist.
     */
    void importCollection(Collection collection, List<PromptId> order, int maxPerOwner);

    /** The collection with every item, in order, each with its prompt's owner and visibility; read as one unit. */
    Optional<Contents> findWithItems(CollectionId id);

    /**
     * The collection, how many of its prompts {@code viewer} may read (public ones, and the viewer's own),
     * and one page of those prompts in order after {@code after}; read as one unit.
     */
    Optional<ItemPage> readPage(CollectionId id, Optional<UserId> viewer, PageSize size, Optional<ItemCursor> after);

    /**
     * Changes the collection's fields as {@code revision} says, in one unit, one call to the store, only if it
     * is {@code owner}'s: what the revision leaves empty is kept, the version goes up by one and the change
     * time is the later of the stored one and the revision's (as {@link Collection#revise}). Returns whether
     * it changed, with the collection and its items as that unit left them (empty when there is none), so
     * the caller can tell why not.
     */
    Revised revise(CollectionId id, UserId owner, Revision revision);

    /**
     * Adds {@code prompt} to the collection in one unit, one call to the store, only if the collection is
     * {@code owner}'s, the owner may read the prompt (their own, or a public one), and the collection does not
     * hold it yet and holds fewer than {@link Collection#MAX_PROMPTS}: at {@code position} among the prompts the
     * owner sees there (0 first; last when absent or past the end), as {@link CollectionOrder#add} places it,
     * added at {@code at}; the version goes up by one and the change time is the later of the stored one and
     * {@code at} (as {@link Collection#touched}). Returns what that unit read after it: the prompt, whether it
     * added it, and the collection with its items (empty when there is none); empty when there is no such prompt.
     */
    Optional<Addition> addItem(CollectionId id, UserId owner, PromptId prompt, Optional<Integer> position, Instant at);

    /**
     * Changes the order of the collection's items in one unit, one call to the store, only if the collection is
     * {@code owner}'s and the order changes. The order is computed in that unit over the prompts the owner
     * sees there (their own and public ones; as {@link Reordering} says), so no one's change comes between
     * the order read and the order written; the items the owner does not see keep their places. When the
     * order changes, the version goes up by one and the change time is the later of the stored one and
     * {@code at} (as {@link Collection#touched}). Returns as {@link #revise}.
     */
    Revised reorder(CollectionId id, UserId owner, Reordering reordering, Instant at);

    /**
     * Takes {@code prompt} out of the collection in one unit, one call to the store, only if the collection
     * is {@code owner}'s and holds it: the version goes up by one and the change time is the later of the
     * stored one and {@code at} (as {@link Collection#touched}); the other items keep their order. Returns
     * as {@link #revise}.
     */
    Revised removeItem(CollectionId id, UserId owner, PromptId prompt, Instant at);

    /**
     * Deletes the collection with its items (never their prompts) in one unit, one call to the store, only
     * if it is {@code owner}'s; otherwise returns the collection that unit kept (empty when there is none),
     * so the caller can tell why not.
     */
    Deletion delete(CollectionId id, UserId owner);

    /** The owner's collections, newest update first, each with the number of its prompts the owner may read. */
    Page<CollectionSummary> listByOwner(UserId owner, PageRequest page);

    /**
     * The prompt, and the ids of {@code owner}'s collections that hold it, newest update first, read as one
     * unit; empty when there is no such prompt.
     */
    Optional<Holding> holding(UserId owner, PromptId prompt);

    record Contents(Collection collection, List<CollectionItem> items) {
        public Contents {
            Objects.requireNonNull(collection, "collection");
            items = List.copyOf(items);
        }
    }

    /** A change of a collection's fields; empty ones are kept. */
    record Revision(Optional<CollectionName> name, Optional<CollectionDescription> description,
                    Optional<Boolean> isPublic, Instant at) {
        public Revision {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(isPublic, "isPublic");
            Objects.requireNonNull(at, "at");
        }

        /** {@code collection} as this revision leaves it. */
        public Collection applyTo(Collection collection) {
            return collection.revise(name.orElse(collection.name()), description.orElse(collection.description()),
                    isPublic.orElse(collection.isPublic()), at);
        }
    }

    /** A new order of a collection's items, computed over the prompts its owner sees there. */
    sealed interface Reordering {
        /**
         * The prompts of {@code order} that the owner sees in the collection take, in this order, the places
         * they hold now; every other item keeps its place ({@link CollectionOrder#arrange}). Ids not in the
         * collection are ignored.
         */
        record Arrange(List<PromptId> order) implements Reordering {
            public Arrange {
                order = List.copyOf(order);
                if (order.size() > Collection.MAX_PROMPTS) {
                    throw new IllegalArgumentException("an order lists at most " + Collection.MAX_PROMPTS
                            + " prompts");
                }
                if (Set.copyOf(order).size() != order.size()) {
                    throw new IllegalArgumentException("an order lists each prompt once");
                }
            }
        }

        /**
         * {@code prompt} moved to {@code position} (0 first; past the end is last) among the prompts the owner
         * sees ({@link CollectionOrder#move}); nothing changes when the owner does not see it there.
         */
        record Move(PromptId prompt, int position) implements Reordering {
            public Move {
                Objects.requireNonNull(prompt, "prompt");
                if (position < 0) {
                    throw new IllegalArgumentException("a position is not negative");
                }
            }
        }
    }

    /** What {@link #revise} did, and the collection with its items read after it. */
    record Revised(boolean changed, Optional<Contents> contents) {
        public Revised {
            Objects.requireNonNull(contents, "contents");
        }
    }

    /** What {@link #delete} did: whether it deleted, and otherwise the collection it kept, read after. */
    record Deletion(boolean deleted, Optional<Collection> kept) {
        public Deletion {
            Objects.requireNonNull(kept, "kept");
            if (deleted && kept.isPresent()) {
                throw new IllegalArgumentException("a deleted collection is not kept");
            }
        }
    }

    /** What {@link #holding} read. */
    record Holding(Prompt prompt, List<CollectionId> collections) {
        public Holding {
            Objects.requireNonNull(prompt, "prompt");
            collections = List.copyOf(collections);
        }
    }

    /** What {@link #addItem} did: the prompt, whether it was added, and the collection with its items read after. */
    record Addition(Prompt prompt, boolean added, Optional<Contents> contents) {
        public Addition {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(contents, "contents");
            if (added && contents.isEmpty()) {
                throw new IllegalArgumentException("an added prompt is in a collection");
            }
        }
    }

    /** One page of the prompts a viewer sees in a collection, and the cursor of the next page. */
    record ItemPage(Collection collection, int promptCount, List<PromptSummary> prompts, Optional<ItemCursor> next) {
        public ItemPage {
            Objects.requireNonNull(collection, "collection");
            prompts = List.copyOf(prompts);
            Objects.requireNonNull(next, "next");
        }
    }
}
