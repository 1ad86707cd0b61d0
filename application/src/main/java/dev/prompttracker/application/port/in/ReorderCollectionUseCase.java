package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.CollectionSummary;

public interface ReorderCollectionUseCase {
    CollectionSummary reorderCollection(ReorderCollectionCommand command);
}
