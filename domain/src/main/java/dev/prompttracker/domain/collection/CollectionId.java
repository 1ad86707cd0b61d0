package dev.prompttracker.domain.collection;

import dev.prompttracker.domain.id.Uuids;

import java.util.Optional;

/** Identifies a collection. Random (UUID version 4), so ids of private collections can be neither guessed nor enumerated. */
public record CollectionId(String value) {
    public CollectionId {
        if (!Uuids.isCanonical(value)) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
    }

    public static CollectionId random() {
        return new CollectionId(Uuids.random());
    }

    /** The id, or empty when the text is not one (callers answer "not found"). */
    public static Optional<CollectionId> parse(String raw) {
        return Uuids.canonical(raw).map(CollectionId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
