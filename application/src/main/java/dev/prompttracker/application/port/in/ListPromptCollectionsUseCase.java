package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.CollectionId;

import java.util.List;

public interface ListPromptCollectionsUseCase {
    List<CollectionId> listPromptCollections(ListPromptCollectionsQuery query);
}
