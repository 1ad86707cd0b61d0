package dev.prompttracker.application.port.in;

public interface GetCollectionUseCase {
    CollectionContents getCollection(GetCollectionQuery query);
}
