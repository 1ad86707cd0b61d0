package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AddPromptToCollectionCommand;
import dev.prompttracker.application.port.in.AddPromptToCollectionUseCase;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.CollectionContents;
import dev.prompttracker.application.port.in.CreateCollectionCommand;
import dev.prompttracker.application.port.in.CreateCollectionUseCase;
import dev.prompttracker.application.port.in.DeleteCollectionCommand;
import dev.prompttracker.application.port.in.DeleteCollectionUseCase;
import dev.prompttracker.application.port.in.GetCollectionQuery;
import dev.prompttracker.application.port.in.GetCollectionUseCase;
import dev.prompttracker.application.port.in.ListCollectionsQuery;
import dev.prompttracker.application.port.in.ListCollectionsUseCase;
import dev.prompttracker.application.port.in.ListPromptCollectionsQuery;
import dev.prompttracker.application.port.in.ListPromptCollectionsUseCase;
import dev.prompttracker.application.port.in.RemovePromptFromCollectionCommand;
import dev.prompttracker.application.port.in.RemovePromptFromCollectionUseCase;
import dev.prompttracker.application.port.in.ReorderCollectionCommand;
import dev.prompttracker.application.port.in.ReorderCollectionUseCase;
import dev.prompttracker.application.port.in.UpdateCollectionCommand;
import dev.prompttracker.application.port.in.UpdateCollectionUseCase;
import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionItem;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.collection.ItemCursor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.PromptId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collections of prompts. Only the owner changes a collection; a private one is "not found" to anyone
 * else, and a public one shows each reader only the prompts that reader may read. One can collect
 * one's own prompts and public prompts of others. Each change is one call to the store, which checks
 * who may make it and computes the new order ({@link dev.prompttracker.domain.collection.CollectionOrder}'s
 * rules) in the unit that writes it, and reads back what it left: the rules here tell from that why
 * nothing changed.
 */
final class CollectionService implements CreateCollectionUseCase, ListCollectionsUseCase, GetCollectionUseCase,
        UpdateCollectionUseCase, DeleteCollectionUseCase, AddPromptToCollectionUseCase,
        RemovePromptFromCollectionUseCase, ReorderCollectionUseCase, ListPromptCollectionsUseCase {
    static final String COLLECTION_NOT_FOUND = "collection not found";

    private final CollectionRepository collections;
    private final PromptAccess prompts;
    private final Quotas quotas;
    private final Clock clock;

    CollectionService(CollectionRepository collections, PromptAccess prompts, Quotas quotas, Clock clock) {
        this.collections = collections;
        this.prompts = prompts;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public CollectionSummary createCollection(CreateCollectionCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        InputCheck check = new InputCheck();
        Optional<CollectionName> name = check.field(() -> CollectionName.parse(command.name()));
        Optional<CollectionDescription> description = check.field(
                () -> CollectionDescription.parse(command.description()));
        check.done();
        quotas.write(actor.id());
        Collection collection = Collection.create(CollectionId.random(), actor.id(), name.orElseThrow(),
                description.orElseThrow(), command.isPublic(), clock.instant());
        collections.create(collection, Collection.MAX_PER_OWNER);
        return new CollectionSummary(collection, 0);
    }

    @Override
    public Page<CollectionSummary> listCollections(ListCollectionsQuery query) {
        Actor.SignedIn actor = AuthService.signedIn(query.actor());
        return collections.listByOwner(actor.id(), PromptService.pageRequest(query.pageSize(), query.pageToken()));
    }

    @Override
    public CollectionContents getCollection(GetCollectionQuery query) {
        CollectionId id = parseId(query.collectionId());
        InputCheck check = new InputCheck();
        Optional<PageSize> size = check.field(() -> PageSize.of(query.pageSize()));
        Optional<Optional<ItemCursor>> after = check.field(() -> ItemCursor.parse(query.pageToken()));
        check.done();
        if (query.actor() instanceof Actor.Anonymous) {
            quotas.anonymousRead(query.client());
        }
        CollectionRepository.ItemPage page = collections.readPage(id, query.actor().userId(), size.orElseThrow(),
                        after.orElseThrow())
                .filter(found -> found.collection().isReadableBy(query.actor().userId()))
                .orElseThrow(() -> new NotFound(COLLECTION_NOT_FOUND));
        return new CollectionContents(new CollectionSummary(page.collection(), page.promptCount()), page.prompts(),
                page.next().map(ItemCursor::token).orElse(""));
    }

    @Override
    public CollectionSummary updateCollection(UpdateCollectionCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        CollectionId id = parseId(command.collectionId());
        InputCheck check = new InputCheck();
        Optional<Optional<CollectionName>> name = check.field(() -> command.name().map(CollectionName::parse));
        Optional<Optional<CollectionDescription>> description = check.field(
                () -> command.description().map(CollectionDescription::parse));
        check.done();
        quotas.write(actor.id());
        // One call changes only the owner's collection; the rules tell from what it read back why not.
        CollectionRepository.Revised revised = collections.revise(id, actor.id(), new CollectionRepository.Revision(
                name.orElseThrow(), description.orElseThrow(), command.isPublic(), clock.instant()));
        CollectionRepository.Contents contents = owned(actor, revised.contents());
        if (!revised.changed()) {
            throw new IllegalStateException("the store refused a change of a collection the rules allow");
        }
        return summary(actor, contents.collection(), contents.items());
    }

    @Override
    public void deleteCollection(DeleteCollectionCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        CollectionId id = parseId(command.collectionId());
        quotas.write(actor.id());
        // One call deletes only the owner's collection; the rules tell from what it kept why not.
        CollectionRepository.Deletion deletion = collections.delete(id, actor.id());
        if (!deletion.deleted()) {
            owned(actor, deletion.kept().map(kept -> new CollectionRepository.Contents(kept, List.of())));
        }
    }

    @Override
    public CollectionSummary addPromptToCollection(AddPromptToCollectionCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        CollectionId id = parseId(command.collectionId());
        if (command.position().isPresent() && command.position().get() < 0) {
            throw Invalid.field("position", "must not be negative");
        }
        quotas.write(actor.id());
        // One call adds the prompt only where the rules allow it (a prompt the caller may read: their own or a
        // public one of others; the caller's collection, which does not hold it and has room) and reads back what
        // it found; the rules, in the same order as before, tell from that why not.
        CollectionRepository.Addition addition = prompts.readableWith(actor, command.promptId(), command.client(),
                promptId -> collections.addItem(id, actor.id(), promptId, command.position(), clock.instant()),
                CollectionRepository.Addition::prompt);
        CollectionRepository.Contents contents = owned(actor, addition.contents());
        boolean held = contents.items().stream().anyMatch(item -> item.promptId().equals(addition.prompt().id()));
        if (!addition.added() && !held) {
            if (contents.items().size() >= Collection.MAX_PROMPTS) {
                throw new Conflict("a collection holds at most " + Collection.MAX_PROMPTS + " prompts");
            }
            throw new IllegalStateException("the store refused an addition the rules allow");
        }
        return summary(actor, contents.collection(), contents.items());
    }

    @Override
    public CollectionSummary removePromptFromCollection(RemovePromptFromCollectionCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        CollectionId id = parseId(command.collectionId());
        PromptId promptId = PromptAccess.parseId(command.promptId());
        quotas.write(actor.id());
        // One call takes it out of the owner's collection only; the rules tell from what it read back why not.
        CollectionRepository.Contents contents = owned(actor,
                collections.removeItem(id, actor.id(), promptId, clock.instant()).contents());
        return summary(actor, contents.collection(), contents.items());
    }

    @Override
    public CollectionSummary reorderCollection(ReorderCollectionCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        CollectionId id = parseId(command.collectionId());
        if (command.promptIds().isEmpty() == command.move().isEmpty()) {
            throw Invalid.field("promptIds", "give either the new order (promptIds) or one move, not both");
        }
        InputCheck check = new InputCheck();
        Optional<List<PromptId>> order = check.field(() -> promptIds(command.promptIds()));
        Optional<Optional<PromptId>> moved = check.field(() -> command.move().map(move -> PromptId.parse(
                move.promptId()).orElseThrow(() -> Invalid.field("move.promptId", "is not a prompt id"))));
        check.done();
        if (command.move().isPresent() && command.move().get().position() < 0) {
            throw Invalid.field("position", "must not be negative");
        }
        quotas.write(actor.id());
        // One call computes the order over what the owner sees there and stores it if it changes (hidden items
        // keep their places); the rules tell from what it read back why not.
        CollectionRepository.Reordering reordering = moved.orElseThrow()
                .<CollectionRepository.Reordering>map(prompt -> new CollectionRepository.Reordering.Move(prompt,
                        command.move().get().position()))
                .orElseGet(() -> new CollectionRepository.Reordering.Arrange(order.orElseThrow()));
        CollectionRepository.Revised revised = collections.reorder(id, actor.id(), reordering, clock.instant());
        CollectionRepository.Contents contents = owned(actor, revised.contents());
        if (!revised.changed() && moved.orElseThrow().filter(prompt -> !visibleIds(actor, contents.items())
                .contains(prompt)).isPresent()) {
            throw Invalid.field("promptId", "is not in this collection");
        }
        return summary(actor, contents.collection(), contents.items());
    }

    @Override
    public List<CollectionId> listPromptCollections(ListPromptCollectionsQuery query) {
        Actor.SignedIn actor = AuthService.signedIn(query.actor());
        // The prompt, checked by the rules as before, is read with the ids in the same call.
        return prompts.readableWith(actor, query.promptId(), ClientInfo.UNKNOWN,
                id -> collections.holding(actor.id(), id), CollectionRepository.Holding::prompt).collections();
    }

    private static CollectionSummary summary(Actor.SignedIn actor, Collection collection, List<CollectionItem> items) {
        return new CollectionSummary(collection, visibleIds(actor, items).size());
    }

    /**
     * The collection as a unit read it, for its owner; "not found" when the caller may not read it, "forbidden"
     * when only read.
     */
    private static CollectionRepository.Contents owned(Actor.SignedIn actor,
                                                       Optional<CollectionRepository.Contents> read) {
        CollectionRepository.Contents contents = read
                .filter(found -> found.collection().isReadableBy(actor.userId()))
                .orElseThrow(() -> new NotFound(COLLECTION_NOT_FOUND));
        if (!contents.collection().isOwnedBy(actor.id())) {
            throw new Forbidden("only the owner may change this collection");
        }
        return contents;
    }

    private static CollectionId parseId(String raw) {
        return CollectionId.parse(raw).orElseThrow(() -> new NotFound(COLLECTION_NOT_FOUND));
    }

    private static List<PromptId> visibleIds(Actor actor, List<CollectionItem> items) {
        return items.stream().filter(item -> item.isReadableBy(actor.userId())).map(CollectionItem::promptId).toList();
    }

    private static List<PromptId> promptIds(List<String> raw) {
        if (raw.size() > Collection.MAX_PROMPTS) {
            throw Invalid.field("promptIds", "must list at most " + Collection.MAX_PROMPTS + " prompts");
        }
        List<PromptId> ids = new ArrayList<>(raw.size());
        for (String text : raw) {
            PromptId id = PromptId.parse(text).orElseThrow(() -> Invalid.field("promptIds",
                    "must hold prompt ids only"));
            if (ids.contains(id)) {
                throw Invalid.field("promptIds", "lists the prompt " + id + " more than once");
            }
            ids.add(id);
        }
        return ids;
    }
}
