package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.CollectionSummary;

public interface CreateCollectionUseCase {
    CollectionSummary createCollection(CreateCollectionCommand command);
}
