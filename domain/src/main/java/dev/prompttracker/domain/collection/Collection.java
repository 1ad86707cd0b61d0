package dev.prompttracker.domain.collection;

import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A named, ordered collection of prompts, owned by one user. Its prompts ({@link CollectionItem}s) are
 * referred to by id: a prompt can be in several collections, and deleting a collection keeps its
 * prompts. {@link #version()} increases on every change, of its fields or of its items, so that
 * concurrent edits are detected.
 */
public record Collection(CollectionId id, UserId ownerId, CollectionName name, CollectionDescription description,
                         boolean isPublic, Instant createdAt, Instant updatedAt, long version) {
    /** The most prompts one collection holds. */
    public static final int MAX_PROMPTS = 500;
    /** The most collections one user owns. */
    public static final int MAX_PER_OWNER = 200;

    public Collection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt before createdAt");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    public static Collection create(CollectionId id, UserId owner, CollectionName name,
                                    CollectionDescription description, boolean isPublic, Instant now) {
        return new Collection(id, owner, name, description, isPublic, now, now, 1);
    }

    public boolean isOwnedBy(UserId user) {
        return ownerId.equals(user);
    }

    /** Readable by its owner, and by anyone once it is public (its prompts are then filtered one by one). */
    public boolean isReadableBy(Optional<UserId> reader) {
        return isPublic || reader.filter(this::isOwnedBy).isPresent();
    }

    /** The next version with new fields. */
    public Collection revise(CollectionName newName, CollectionDescription newDescription, boolean newIsPublic,
                             Instant now) {
        return new Collection(id, ownerId, newName, newDescription, newIsPublic, createdAt, later(now), version + 1);
    }

    /** The next version, for a change of its items. */
    public Collection touched(Instant now) {
        return new Collection(id, ownerId, name, description, isPublic, createdAt, later(now), version + 1);
    }

    private Instant later(Instant now) {
        return now.isAfter(updatedAt) ? now : updatedAt;
    }
}
