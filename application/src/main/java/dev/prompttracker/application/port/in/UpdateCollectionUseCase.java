package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.CollectionSummary;

public interface UpdateCollectionUseCase {
    CollectionSummary updateCollection(UpdateCollectionCommand command);
}
