package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.CollectionSummary;

public interface AddPromptToCollectionUseCase {
    CollectionSummary addPromptToCollection(AddPromptToCollectionCommand command);
}
