package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.CollectionSummary;

public interface RemovePromptFromCollectionUseCase {
    CollectionSummary removePromptFromCollection(RemovePromptFromCollectionCommand command);
}
