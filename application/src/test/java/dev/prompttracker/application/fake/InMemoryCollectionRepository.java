package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionItem;
import dev.prompttracker.domain.collection.CollectionOrder;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.collection.ItemCursor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.user.UserId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collections in memory, beside the prompts of an {@link InMemoryPromptRepository} (its lock guards both,
 * and it keeps the items so that a prompt's deletion takes it out of every collection, as the stores do).
 * An item's position is its index in the order.
 */
public final class InMemoryCollectionRepository implements CollectionRepository {
    private static final Comparator<Collection> NEWEST_UPDATE_FIRST = Comparator.comparing(Collection::updatedAt)
            .thenComparing(c -> c.id().value()).reversed();

    private final InMemoryPromptRepository prompts;
    private final Map<CollectionId, Collection> collections = new LinkedHashMap<>();

    public InMemoryCollectionRepository(InMemoryPromptRepository prompts) {
        this.prompts = prompts;
    }

    @Override
    public void create(Collection collection, int maxPerOwner) {
        synchronized (prompts) {
            if (collections.containsKey(collection.id())) {
                throw new Conflict("this collection already exists");
            }
            if (collections.values().stream().filter(c -> c.ownerId().equals(collection.ownerId())).count()
                    >= maxPerOwner) {
                throw new Conflict("one person keeps at most " + maxPerOwner + " collections");
            }
            collections.put(collection.id(), collection);
            prompts.collectionItems.put(collection.id(), new ArrayList<>());
        }
    }

    @Override
    public void importCollection(Collection collection, List<PromptId> order, int maxPerOwner) {
        synchronized (prompts) {
            for (PromptId id : order) {
                if (!prompts.prompts.containsKey(id)) {
                    throw new NotFound("prompt not found");
                }
            }
            create(collection, maxPerOwner);
            prompts.collectionItems.put(collection.id(), new ArrayList<>(order));
        }
    }

    @Override
    public Optional<Contents> findWithItems(CollectionId id) {
        synchronized (prompts) {
            return Optional.ofNullable(collections.get(id)).map(collection -> new Contents(collection,
                    items(id).stream().map(p -> new CollectionItem(p.id(), p.ownerId(), p.isPublic())).toList()));
        }
    }

    @Override
    public Optional<ItemPage> readPage(CollectionId id, Optional<UserId> viewer, PageSize size,
                                       Optional<ItemCursor> after) {
        synchronized (prompts) {
            Collection collection = collections.get(id);
            if (collection == null) {
                return Optional.empty();
            }
            List<Prompt> all = items(id);
            List<Integer> readable = new ArrayList<>();
            for (int position = 0; position < all.size(); position++) {
                if (all.get(position).isReadableBy(viewer)) {
                    readable.add(position);
                }
            }
            List<Integer> rest = readable.stream().filter(position -> after.map(cursor -> position > cursor.position()
                    || position == cursor.position()
                    && all.get(position).id().value().compareTo(cursor.promptId().value()) > 0).orElse(true)).toList();
            List<Integer> shown = rest.stream().limit(size.value()).toList();
            List<PromptSummary> page = shown.stream().map(position -> summary(all.get(position))).toList();
            Optional<ItemCursor> next = rest.size() > shown.size()
                    ? Optional.of(new ItemCursor(shown.getLast(), all.get(shown.getLast()).id()))
                    : Optional.empty();
            return Optional.of(new ItemPage(collection, readable.size(), page, next));
        }
    }

    @Override
    public Revised revise(CollectionId id, UserId owner, Revision revision) {
        synchronized (prompts) {
            Collection stored = collections.get(id);
            boolean changed = stored != null && stored.isOwnedBy(owner);
            if (changed) {
                collections.put(id, revision.applyTo(stored));
            }
            return new Revised(changed, findWithItems(id));
        }
    }

    @Override
    public Optional<Addition> addItem(CollectionId id, UserId owner, PromptId prompt, Optional<Integer> position,
                                      java.time.Instant at) {
        if (position.isPresent() && position.get() < 0) {
            throw new IllegalArgumentException("a position is not negative");
        }
        synchronized (prompts) {
            Optional<Prompt> found = prompts.findById(prompt);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Collection stored = collections.get(id);
            boolean added = false;
            if (stored != null && stored.isOwnedBy(owner) && found.get().isReadableBy(Optional.of(owner))) {
                List<PromptId> current = prompts.collectionItems.get(id);
                List<PromptId> visible = items(id).stream().filter(p -> p.isReadableBy(Optional.of(owner)))
                        .map(Prompt::id).toList();
                if (!current.contains(prompt) && current.size() < Collection.MAX_PROMPTS) {
                    prompts.collectionItems.put(id, new ArrayList<>(CollectionOrder.add(current, visible, prompt,
                            position)));
                    collections.put(id, stored.touched(at));
                    added = true;
                }
            }
            return Optional.of(new Addition(found.get(), added, findWithItems(id)));
        }
    }

    @Override
    public Revised reorder(CollectionId id, UserId owner, Reordering reordering, java.time.Instant at) {
        synchronized (prompts) {
            Collection stored = collections.get(id);
            if (stored == null || !stored.isOwnedBy(owner)) {
                return new Revised(false, findWithItems(id));
            }
            List<PromptId> current = prompts.collectionItems.get(id);
            List<PromptId> visible = items(id).stream().filter(p -> p.isReadableBy(Optional.of(owner)))
                    .map(Prompt::id).toList();
            List<PromptId> next = switch (reordering) {
                case Reordering.Arrange arrange ->
                        CollectionOrder.arrange(current, arrange.order().stream().filter(visible::contains).toList());
                case Reordering.Move move -> visible.contains(move.prompt())
                        ? CollectionOrder.move(current, visible, move.prompt(), move.position()) : current;
            };
            boolean changed = !next.equals(current);
            if (changed) {
                prompts.collectionItems.put(id, new ArrayList<>(next));
                collections.put(id, stored.touched(at));
            }
            return new Revised(changed, findWithItems(id));
        }
    }

    @Override
    public Revised removeItem(CollectionId id, UserId owner, PromptId prompt, java.time.Instant at) {
        synchronized (prompts) {
            Collection stored = collections.get(id);
            boolean changed = stored != null && stored.isOwnedBy(owner)
                    && prompts.collectionItems.get(id).remove(prompt);
            if (changed) {
                collections.put(id, stored.touched(at));
            }
            return new Revised(changed, findWithItems(id));
        }
    }

    @Override
    public Deletion delete(CollectionId id, UserId owner) {
        synchronized (prompts) {
            Collection stored = collections.get(id);
            if (stored == null || !stored.isOwnedBy(owner)) {
                return new Deletion(false, Optional.ofNullable(stored));
            }
            prompts.collectionItems.remove(id);
            collections.remove(id);
            return new Deletion(true, Optional.empty());
        }
    }

    @Override
    public Page<CollectionSummary> listByOwner(UserId owner, PageRequest page) {
        synchronized (prompts) {
            int size = page.size().value();
            List<Collection> found = collections.values().stream().filter(c -> c.isOwnedBy(owner))
                    .filter(c -> page.after().map(cursor -> isAfter(c, cursor)).orElse(true))
                    .sorted(NEWEST_UPDATE_FIRST).limit(size + 1L).toList();
            List<CollectionSummary> items = found.stream().limit(size).map(c -> new CollectionSummary(c,
                    (int) items(c.id()).stream().filter(p -> p.isReadableBy(Optional.of(owner))).count())).toList();
            Optional<PageCursor> next = found.size() > size
                    ? Optional.of(new PageCursor(items.getLast().collection().updatedAt(),
                            items.getLast().collection().id().value()))
                    : Optional.empty();
            return new Page<>(items, next);
        }
    }

    @Override
    public Optional<Holding> holding(UserId owner, PromptId prompt) {
        synchronized (prompts) {
            return prompts.findById(prompt).map(found -> new Holding(found, collections.values().stream()
                    .filter(c -> c.isOwnedBy(owner))
                    .filter(c -> prompts.collectionItems.get(c.id()).contains(prompt))
                    .sorted(NEWEST_UPDATE_FIRST).map(Collection::id).toList()));
        }
    }

    private List<Prompt> items(CollectionId id) {
        return prompts.collectionItems.getOrDefault(id, List.of()).stream().map(prompts.prompts::get).toList();
    }

    private PromptSummary summary(Prompt prompt) {
        return new PromptSummary(prompt, (int) prompts.responses.values().stream()
                .filter(r -> r.promptId().equals(prompt.id())).count());
    }

    private static boolean isAfter(Collection collection, PageCursor cursor) {
        int byTime = collection.updatedAt().compareTo(cursor.at());
        return byTime < 0 || (byTime == 0 && collection.id().value().compareTo(cursor.id()) < 0);
    }
}
