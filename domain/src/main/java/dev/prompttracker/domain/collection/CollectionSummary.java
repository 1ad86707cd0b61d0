package dev.prompttracker.domain.collection;

import java.util.Objects;

/** A collection with how many of its prompts the reader may see there. */
public record CollectionSummary(Collection collection, int promptCount) {
    public CollectionSummary {
        Objects.requireNonNull(collection, "collection");
        if (promptCount < 0 || promptCount > Collection.MAX_PROMPTS) {
            throw new IllegalArgumentException("prompt count out of range");
        }
    }
}
